import io
from datetime import timedelta

from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from odoo import api, fields, models

from siamo_core.fse import FORMAT, generate_key, public_key_text, sign

DAKAR = "Africa/Dakar"


class SiamoFseDemo(models.AbstractModel):
    """The demo fund's care pathway, run through the code the people and the providers run:
    providers ask for authorizations and send signed sheets to the intake, the IPM's staff
    grant or refuse, settle, review, validate, pay and recover the co-payments. Called from
    the demo data only, with the demo users' own rights for each business step."""

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

    def _provider_keys(self):
        """Each demo provider's signing key: its software signs its sheets with it, the hub
        checks them against the public key recorded on the provider."""
        keys = {}
        for xmlid in ("provider_clinique_filaos_demo", "provider_hopital_dakar_demo"):
            provider = self.env.ref(f"siamo_referentiel.{xmlid}")
            keys[provider] = generate_key()
            provider.siamo_fse_public_key = public_key_text(keys[provider])
        return keys

    @staticmethod
    def _line(kind, code, unit_price, quantity=1):
        amount = unit_price * quantity
        return {
            "kind": kind,
            "code": code,
            "quantity": quantity,
            "unit_price": unit_price,
            "amount": amount,
        }

    def _document(self, provider, key, sheet_id, beneficiary, days_ago, lines, **extra):
        """A sheet as the provider's software signs and sends it, with the order number of
        the provider's first practitioner."""
        practitioner = self.env["siamo.practitioner"].search(
            [("provider_id", "=", provider.id)], order="id", limit=1
        )
        document = {
            "format": FORMAT,
            "sheet_id": sheet_id,
            "provider": {"code": provider.siamo_provider_code},
            "ipm": beneficiary.company_id.partner_id.ref,
            "beneficiary": {"member_number": beneficiary.member_number},
            "care_date": self._days_ago(days_ago).isoformat(),
            "lines": lines,
            "total": sum(line["amount"] for line in lines),
            **extra,
        }
        if practitioner.order_number:
            document["provider"]["practitioner"] = practitioner.order_number
        return sign(document, key)

    # ------------------------------------------------------------------ the pathway

    @api.model
    def _demo_run_care_pathway(self):
        """The whole pathway, in the order it happens."""
        keys = self._provider_keys()
        authorizations = self._demo_authorizations()
        self._demo_receive_sheets(keys, authorizations)
        batch = self._demo_settle_and_validate()
        reimbursement = self._demo_reimbursement()
        self._demo_payment_order(batch | reimbursement)
        self._demo_copayment_statement()
        self._demo_sheets_waiting(keys)

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

    def _demo_receive_sheets(self, keys, authorizations):
        """The clinic's sheets of the last weeks, one refused for want of an authorization."""
        ref = self.env.ref
        clinic = ref("siamo_referentiel.provider_clinique_filaos_demo")
        key = keys[clinic]
        moussa = ref("siamo_ipm.participant_01_demo")
        line = self._line
        documents = [
            self._document(
                clinic,
                key,
                f"FIL-{self._today().year}-0101",
                moussa,
                14,
                [line("act", "C", 3_500), line("medicine", "MED-0005", 2_900)],
                diagnosis="B54",
            ),
            self._document(
                clinic,
                key,
                f"FIL-{self._today().year}-0102",
                ref("siamo_ipm.child_01_1_demo"),
                12,
                [line("act", "CS", 15_000), line("medicine", "MED-0002", 450, 2)],
                diagnosis="J18.9",
            ),
            self._document(
                clinic,
                key,
                f"FIL-{self._today().year}-0103",
                ref("siamo_ipm.spouse_01_1_demo"),
                10,
                [line("act", "Z-ECHO", 55_000)],
                authorization=authorizations["scan"].name,
                diagnosis="R10.4",
            ),
            self._document(
                clinic,
                key,
                f"FIL-{self._today().year}-0104",
                ref("siamo_ipm.participant_04_demo"),
                8,
                [line("act", "SF-ACC", 60_000)],
                authorization=authorizations["delivery"].name,
                diagnosis="O80",
            ),
            self._document(
                clinic,
                key,
                f"FIL-{self._today().year}-0105",
                ref("siamo_ipm.participant_02_demo"),
                7,
                [line("act", "C", 5_000), line("act", "B-NFS", 8_750)],
                diagnosis="D64.9",
            ),
            # a delivery without the authorization the package asks: refused at the door
            self._document(
                clinic,
                key,
                f"FIL-{self._today().year}-0106",
                ref("siamo_ipm.spouse_04_1_demo"),
                6,
                [line("act", "SF-ACC", 60_000)],
            ),
        ]
        return self.env["siamo.fse.intake"]._receive(clinic, documents)

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

    def _demo_sheets_waiting(self, keys):
        """Sheets of the last days, received and waiting for their settlement."""
        ref = self.env.ref
        line = self._line
        for provider, prefix, documents in (
            (
                ref("siamo_referentiel.provider_clinique_filaos_demo"),
                "FIL-{year}-02",
                [
                    ("participant_05_demo", 2, [line("act", "C", 3_500)]),
                    ("participant_06_demo", 1, [line("act", "CS", 15_000)]),
                ],
            ),
            (
                ref("siamo_referentiel.provider_hopital_dakar_demo"),
                "HOP-{year}-00",
                [
                    ("participant_09_demo", 3, [line("act", "C", 3_500)]),
                    (
                        "participant_11_demo",
                        2,
                        [line("act", "B-GLY", 2_500), line("medicine", "MED-0006", 1_800)],
                    ),
                ],
            ),
        ):
            self.env["siamo.fse.intake"]._receive(
                provider,
                [
                    self._document(
                        provider,
                        keys[provider],
                        f"{prefix.format(year=self._today().year)}{number:02d}",
                        ref(f"siamo_ipm.{beneficiary}"),
                        days_ago,
                        lines,
                    )
                    for number, (beneficiary, days_ago, lines) in enumerate(documents, start=1)
                ],
            )
