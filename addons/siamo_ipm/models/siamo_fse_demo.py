import io
from datetime import timedelta

from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from odoo import api, fields, models

DAKAR = "Africa/Dakar"


class SiamoFseDemo(models.AbstractModel):
    """The demo fund's care pathway, run through the code the people and the providers run:
    providers ask for authorizations, the IPM's staff key the paper sheets, grant or refuse,
    settle, review, validate, pay and recover the co-payments. Called from the demo data
    only, with the demo users' own rights for each business step."""

    _name = "siamo.fse.demo"
    _description = "Demo Care Pathway"

    # ------------------------------------------------------------------ helpers

    def _today(self):
        return fields.Date.context_today(self.with_context(tz=DAKAR))

    def _days_ago(self, days):
        return self._today() - timedelta(days=days)

    def _user(self, xmlid):
        return self.env.ref(f"siamo_ipm.{xmlid}")

    def _as(self, xmlid, model):
        user = self._user(xmlid)
        return self.env[model].with_user(user).with_company(user.company_id)

    def _line(self, kind, code, unit_price, quantity=1):
        model = "siamo.act" if kind == "act" else "siamo.medicine"
        item = self.env[model].search([("code", "=", code)], limit=1)
        return {
            "kind": kind,
            "code": code,
            f"{kind}_id": item.id,
            "quantity": quantity,
            "unit_price": unit_price,
            "amount": unit_price * quantity,
        }

    def _paper_sheet(self, provider, sheet_id, beneficiary, days_ago, lines, **extra):
        """A paper sheet as the IPM's clerk keys it, with the order number of the
        provider's first practitioner."""
        practitioner = self.env["siamo.practitioner"].search(
            [("provider_id", "=", provider.id)], order="id", limit=1
        )
        return {
            "company_id": beneficiary.company_id.id,
            "provider_id": provider.id,
            "provider_sheet_id": sheet_id,
            "practitioner": practitioner.order_number or False,
            "beneficiary_id": beneficiary.id,
            "care_date": self._days_ago(days_ago),
            "line_ids": [fields.Command.create(line) for line in lines],
            **extra,
        }

    def _demo_key_sheets(self, values_list):
        """The clerk keys the paper sheets and registers them."""
        sheets = self._as("user_ipm_user_demo", "siamo.fse").with_context(siamo_keying=True)
        keyed = sheets.create(values_list)
        keyed.action_register_paper()
        return keyed

    # ------------------------------------------------------------------ the pathway

    @api.model
    def _demo_run_care_pathway(self):
        """The whole pathway, in the order it happens."""
        authorizations = self._demo_authorizations()
        self._demo_receive_sheets(authorizations)
        batch = self._demo_settle_and_validate()
        reimbursement = self._demo_reimbursement()
        self._demo_payment_order(batch | reimbursement)
        self._demo_copayment_statement()
        self._demo_sheets_waiting()

    def _demo_authorizations(self):
        """The clinic asks for a delivery and is granted it; the hospital asks for a day of
        hospitalisation, which the medical officer refuses with her reason."""
        ref = self.env.ref
        clinic = ref("siamo_referentiel.provider_clinique_filaos_demo")
        hospital = ref("siamo_referentiel.provider_hopital_dakar_demo")
        mother = ref("siamo_ipm.participant_04_demo")
        patient = ref("siamo_ipm.participant_07_demo")
        requests = self.env["siamo.care.authorization"]
        delivery, errors = requests._request_from_provider(
            clinic,
            {
                "beneficiary": {"member_number": mother.member_number},
                "items": ["SF-ACC"],
                "date_from": self._days_ago(15).isoformat(),
                "date_to": self._days_ago(-15).isoformat(),
                "amount": 60_000,
                "reason": "Accouchement programmé à terme (39 semaines d'aménorrhée).",
            },
        )
        stay, more_errors = requests._request_from_provider(
            hospital,
            {
                "beneficiary": {"member_number": patient.member_number},
                "items": ["HOSP-J"],
                "date_from": self._days_ago(3).isoformat(),
                "date_to": self._days_ago(-4).isoformat(),
                "amount": 150_000,
                "reason": "Surveillance d'une lombalgie.",
            },
        )
        assert not errors and not more_errors, errors + more_errors
        officer = self._user("user_ipm_medical_officer_demo")
        delivery.with_user(officer).action_grant()
        stay = stay.with_user(officer)
        stay.refusal_reason = (
            "Hospitalisation non justifiée : une prise en charge en consultation suffit."
        )
        stay.action_refuse()
        # granted at the IPM's desk, for a scan the clinic will send with the number
        scan = self._as("user_ipm_medical_officer_demo", "siamo.care.authorization").create(
            {
                "beneficiary_id": ref("siamo_ipm.spouse_01_1_demo").id,
                "provider_id": clinic.id,
                "date_from": self._days_ago(12),
                "date_to": self._days_ago(-18),
                "act_ids": [fields.Command.set(ref("siamo_referentiel.act_z_echo_demo").ids)],
                "amount_cap": 60_000,
                "reason": "Douleurs abdominales persistantes.",
            }
        )
        return {"delivery": delivery, "scan": scan}

    def _demo_receive_sheets(self, authorizations):
        """The clinic's paper sheets of the last weeks, keyed at the IPM."""
        ref = self.env.ref
        clinic = ref("siamo_referentiel.provider_clinique_filaos_demo")
        moussa = ref("siamo_ipm.participant_01_demo")
        line = self._line
        documents = [
            self._paper_sheet(
                clinic,
                f"FIL-{self._today().year}-0101",
                moussa,
                14,
                [line("act", "C", 3_500), line("medicine", "MED-0005", 2_900)],
                diagnosis="B54",
            ),
            self._paper_sheet(
                clinic,
                f"FIL-{self._today().year}-0102",
                ref("siamo_ipm.child_01_1_demo"),
                12,
                [line("act", "CS", 15_000), line("medicine", "MED-0002", 450, 2)],
                diagnosis="J18.9",
            ),
            self._paper_sheet(
                clinic,
                f"FIL-{self._today().year}-0103",
                ref("siamo_ipm.spouse_01_1_demo"),
                10,
                [line("act", "Z-ECHO", 55_000)],
                authorization_id=authorizations["scan"].id,
                diagnosis="R10.4",
            ),
            self._paper_sheet(
                clinic,
                f"FIL-{self._today().year}-0104",
                ref("siamo_ipm.participant_04_demo"),
                8,
                [line("act", "SF-ACC", 60_000)],
                authorization_id=authorizations["delivery"].id,
                diagnosis="O80",
            ),
            self._paper_sheet(
                clinic,
                f"FIL-{self._today().year}-0105",
                ref("siamo_ipm.participant_02_demo"),
                7,
                [line("act", "C", 5_000), line("act", "B-NFS", 8_750)],
                diagnosis="D64.9",
            ),
        ]
        return self._demo_key_sheets(documents)

    def _demo_settle_and_validate(self):
        """The manager settles the clinic's sheets of the period, the medical officer reviews
        the sample, the manager validates: the provider's bill is in the books."""
        clinic = self.env.ref("siamo_referentiel.provider_clinique_filaos_demo")
        batch = self._as("user_ipm_manager_demo", "siamo.settlement.batch").create(
            {
                "provider_id": clinic.id,
                "date_from": self._days_ago(30),
                "date_to": self._days_ago(5),
            }
        )
        batch.action_settle()
        self._review(batch)
        batch.action_validate()
        return batch

    def _review(self, batch):
        officer = self._user("user_ipm_medical_officer_demo")
        waiting = batch.fse_ids.filtered(lambda sheet: sheet.control_state == "to_review")
        for sheet in waiting.with_user(officer):
            sheet.control_note = "Dossier vu : actes conformes à l'ordonnance."
            sheet.action_control_accept()

    def _demo_reimbursement(self):
        """Moussa Diop paid the hospital for his daughter: the IPM records his claim with the
        receipt, settles it, the manager validates it."""
        ref = self.env.ref
        hospital = ref("siamo_referentiel.provider_hopital_dakar_demo")
        claims = self._as("user_ipm_manager_demo", "siamo.reimbursement")
        claim = claims.create(
            {
                "beneficiary_id": ref("siamo_ipm.child_01_2_demo").id,
                "provider_id": hospital.id,
                "care_date": self._days_ago(9),
                "line_ids": [
                    fields.Command.create(
                        {"act_id": ref("siamo_referentiel.act_c_demo").id, "amount": 3_500}
                    ),
                    fields.Command.create(
                        {
                            "medicine_id": ref("siamo_referentiel.medicine_med_0004_demo").id,
                            "quantity": 2,
                            "amount": 2_900,
                        }
                    ),
                    fields.Command.create(
                        {
                            "medicine_id": ref("siamo_referentiel.medicine_med_0001_demo").id,
                            "quantity": 3,
                            "amount": 2_550,
                        }
                    ),
                ],
            }
        )
        claim.receipt_ids = claims.env["ir.attachment"].create(
            {
                "name": "recu-hopital-dakar-plateau.pdf",
                "raw": self._receipt_pdf(hospital.name, claim.amount_claimed),
                "mimetype": "application/pdf",
            }
        )
        action = claim.action_record_and_settle()
        batch = claims.env["siamo.settlement.batch"].browse(action["res_id"])
        self._review(batch)
        batch.action_validate()
        return batch

    @staticmethod
    def _receipt_pdf(provider_name, amount):
        stream = io.BytesIO()
        page = canvas.Canvas(stream, pagesize=A5)
        page.setFont("Helvetica-Bold", 14)
        page.drawString(40, 540, provider_name)
        page.setFont("Helvetica", 11)
        page.drawString(40, 510, "Reçu de paiement – consultation et médicaments")
        page.drawString(40, 490, f"Montant réglé : {amount:,} FCFA".replace(",", " "))
        page.drawString(40, 470, "Payé en espèces par le patient.")
        page.save()
        return stream.getvalue()

    def _demo_payment_order(self, batches):
        """The manager pays the validated bills with one order on the bank journal."""
        orders = self._as("user_ipm_manager_demo", "siamo.payment.order")
        company = batches.company_id
        journal = orders.env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "bank")], limit=1
        )
        order = orders.create({"journal_id": journal.id, "date": self._today()})
        order.action_add_due_bills()
        order.action_pay()
        return order

    def _demo_copayment_statement(self):
        """The co-payments the IPM advanced to the clinic, listed for each employer to
        withhold from the pay, prepared and posted."""
        user = self._user("user_ipm_manager_demo")
        wizard = (
            self.env["siamo.copayment.statement.prepare"]
            .with_user(user)
            .with_company(user.company_id)
            .create({"month": self._today().replace(day=1)})
        )
        action = wizard.action_prepare()
        statements = wizard.env["siamo.copayment.statement"].search(action["domain"])
        statements.action_post()
        return statements

    def _demo_sheets_waiting(self):
        """The clinic's paper sheets of the last days, keyed and waiting for their settlement."""
        ref = self.env.ref
        line = self._line
        clinic = ref("siamo_referentiel.provider_clinique_filaos_demo")
        year = self._today().year
        self._demo_key_sheets(
            [
                self._paper_sheet(
                    clinic,
                    f"FIL-{year}-0201",
                    ref("siamo_ipm.participant_05_demo"),
                    2,
                    [line("act", "C", 3_500)],
                ),
                self._paper_sheet(
                    clinic,
                    f"FIL-{year}-0202",
                    ref("siamo_ipm.participant_06_demo"),
                    1,
                    [line("act", "CS", 15_000)],
                ),
            ]
        )
