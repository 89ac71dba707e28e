"""What the settlement of a batch reads: its sheets as the engine takes them, and the rules of
the package and the agreements in force on their dates. Each is a small method an addon may
override (OCA ``contract`` exposes ``_prepare_invoice`` the same way)."""

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from odoo import models
from odoo.tools import SQL

from siamo_core.agreement import Agreement, advances_copayment
from siamo_core.eligibility import eligibility
from siamo_core.ipm_rules import IpmRules
from siamo_core.presence import required_classes
from siamo_core.settlement import ClaimedLine, Rules, Sheet


class SiamoSettlementBatch(models.Model):
    # the batch is split by what its methods do: what it reads, settling, jobs, the bill
    _inherit = "siamo.settlement.batch"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------ the sheets

    def _settlement_inputs(self, sheets):
        """The engine's inputs for ``sheets`` (a query of their ids): ``(sheet id, line ids,
        core Sheet)`` in the order of care. A batch holds up to a hundred thousand sheets:
        their lines are read with one query, each item, rule and beneficiary once."""
        rows = self._settlement_sheet_rows(sheets)
        lines = self._settlement_line_rows([row[0] for row in rows])
        items = self._settlement_items([line for sheet in lines.values() for line in sheet])
        beneficiaries = self.env["siamo.beneficiary"].browse({row[2] for row in rows})
        families = self._settlement_families_of(beneficiaries.ids)
        rights = self._settlement_rights(beneficiaries, {(row[2], row[3]) for row in rows})
        present = self._settlement_presence_proven([row[0] for row in rows])
        # a claimed line is a value: the same item, quantity and amount are one object
        claimed = {}
        inputs = []
        for sheet_id, name, beneficiary_id, care_date, provider_id, authorized in rows:
            sheet_lines = lines[sheet_id]
            core_lines = []
            for _id, act_id, medicine_id, quantity, amount in sheet_lines:
                key = (act_id, medicine_id, quantity, amount)
                if key not in claimed:
                    item = items[("act", act_id) if act_id else ("medicine", medicine_id)]
                    claimed[key] = ClaimedLine(item, quantity, amount)
                core_lines.append(claimed[key])
            core = Sheet(
                sheet_id=name,
                provider=str(provider_id),
                beneficiary=str(beneficiary_id),
                family=families[beneficiary_id],
                care_date=care_date,
                rights=rights[beneficiary_id, care_date],
                lines=tuple(core_lines),
                authorized=authorized,
                present=sheet_id in present,
            )
            inputs.append((sheet_id, [line[0] for line in sheet_lines], core))
        return inputs

    def _settlement_presence_proven(self, sheet_ids):
        """The ids of ``sheet_ids`` that come with a verified proof of presence. The IPM's
        books alone verify none: ``siamo_biometrie`` says which identity checks prove it."""
        return set()

    def _settlement_families_of(self, beneficiary_ids):
        """``{beneficiary id: his participant's id, as the engine's family}``."""
        return dict(
            self.env.execute_query(
                SQL(
                    """SELECT id, COALESCE(participant_id, id)::text
                         FROM siamo_beneficiary WHERE id = ANY(%s)""",
                    beneficiary_ids,
                )
            )
        )

    def _settlement_sheet_rows(self, sheets):
        """``(id, name, beneficiary, care date, provider, authorized)`` of ``sheets``, in the
        order of care."""
        self.env.flush_all()
        return self.env.execute_query(
            SQL(
                """SELECT f.id, f.name, f.beneficiary_id, f.care_date, f.provider_id,
                          COALESCE(a.state = 'granted', FALSE)
                     FROM siamo_fse f
                LEFT JOIN siamo_care_authorization a ON a.id = f.authorization_id
                    WHERE f.id IN %s
                 ORDER BY f.care_date, f.id""",
                sheets.subselect(),
            )
        )

    def _settlement_line_rows(self, sheet_ids):
        """``{sheet id: [(line id, act, medicine, quantity, amount)]}`` in the sheets' order."""
        lines = defaultdict(list)
        for row in self.env.execute_query(
            SQL(
                """SELECT l.fse_id, l.id, l.act_id, l.medicine_id, l.quantity, l.amount
                     FROM siamo_fse_line l
                    WHERE l.fse_id = ANY(%s)
                 ORDER BY l.fse_id, l.sequence, l.id""",
                sheet_ids,
            )
        ):
            lines[row[0]].append(row[1:])
        return lines

    def _settlement_items(self, lines):
        """The engine's item of each act and medicine the lines claim, keyed ``("act", id)``
        or ``("medicine", id)``."""
        acts = self.env["siamo.act"].browse({line[1] for line in lines if line[1]})
        medicines = self.env["siamo.medicine"].browse({line[2] for line in lines if line[2]})
        items = {("act", act.id): act._to_core_item() for act in acts}
        items.update({("medicine", med.id): med._to_core_item() for med in medicines})
        return items

    def _settlement_rights(self, beneficiaries, care):
        """``{(beneficiary id, care date): Eligibility}`` for the ``care`` pairs: the rights
        of each on the date, under the IPM's rules in force then."""
        by_id = {beneficiary.id: beneficiary for beneficiary in beneficiaries}
        rules_on = self._settlement_ipm_rules({care_date for _b, care_date in care})
        members, covers, rights = {}, {}, {}
        for beneficiary_id, care_date in care:
            version, rules = rules_on[care_date]
            beneficiary = by_id[beneficiary_id]
            if beneficiary_id not in members:
                members[beneficiary_id] = beneficiary._core_member()
            if (beneficiary_id, version) not in covers:
                covers[beneficiary_id, version] = beneficiary._core_cover(rules)
            rights[beneficiary_id, care_date] = eligibility(
                members[beneficiary_id], covers[beneficiary_id, version], rules, care_date
            )
        return rights

    def _settlement_ipm_rules(self, care_dates):
        """``{care date: (version id, IpmRules)}``: the version of the IPM's rules in force on
        each date (as ``siamo.ipm.rule._rules_on`` finds it), each version read once."""
        if not care_dates:
            return {}
        versions = self.env["siamo.ipm.rule"].search(
            [("company_id", "=", self.company_id.id), ("date_from", "<=", max(care_dates))],
            order="date_from desc",
        )
        core = {}
        rules_on = {}
        for care_date in care_dates:
            version = next((v for v in versions if v.date_from <= care_date), versions.browse())
            if version.id not in core:
                core[version.id] = version._to_core() if version else IpmRules()
            rules_on[care_date] = (version.id, core[version.id])
        return rules_on

    # ------------------------------------------------------------------ the rules

    def _settlement_terms(self, care):
        """``{(provider id, care date): (Rules, advance)}`` for the ``care`` pairs: the
        engine's rules (the package and the agreement in force then) and whether the IPM
        advances the co-payment. The rules of one package and one agreement serve all their
        dates (the engine takes the key letter values and prices in force on each sheet's
        date), so what the engine works out for an item is worked out once."""
        packages = self.env["siamo.care.package"]._validated_of(self.company_id)
        presence = self._settlement_presence_classes({care_date for _p, care_date in care})
        agreements, rules, terms = {}, {}, {}
        for provider_id, care_date in care:
            if provider_id not in agreements:
                agreements[provider_id] = self.env["siamo.agreement"]._active_of(
                    self.company_id, self.env["res.partner"].browse(provider_id)
                )
            agreement = agreements[provider_id]._in_force_on(care_date)
            package = packages._in_force_on(care_date)
            classes = presence[care_date]
            if (package, agreement, classes) not in rules:
                rules[package, agreement, classes] = replace(
                    self._settlement_rules(package, agreement), presence_classes=classes
                )
            terms[provider_id, care_date] = (
                rules[package, agreement, classes],
                self._settlement_advances(agreement),
            )
        return terms

    def _settlement_presence_classes(self, care_dates):
        """``{care date: act class codes}``: the classes the IPM's rules in force on each date
        pay only with a proof of presence, of a batch paid to ``payee``
        (:func:`siamo_core.presence.required_classes`)."""
        rules = self.env["siamo.ipm.rule"]
        return {
            day: required_classes(self.payee, rules._presence_classes_on(self.company_id, day))
            for day in care_dates
        }

    def _settlement_advances(self, agreement):
        """Whether the IPM pays the provider the co-payment too under ``agreement`` (and
        recovers it from the participant's employer); never to a reimbursed participant."""
        core = (
            Agreement(
                date_start=agreement.date_start,
                date_end=agreement.date_end or None,
                active=agreement.state == "active",
                direct_payment=agreement.direct_payment,
                advance_copayment=agreement.advance_copayment,
            )
            if agreement
            else None
        )
        return advances_copayment(self.payee, core)

    def _settlement_rules(self, package, agreement):
        """The engine's :class:`~siamo_core.settlement.Rules` of ``package`` and
        ``agreement``."""
        prices = defaultdict(list)
        for price in agreement.price_ids._to_core():
            prices[price.item_code].append(price)
        values = self.env["siamo.key.letter.value"].search(
            [("schedule_id", "=", agreement.schedule_id.id)]
        )
        rate = agreement.coverage_rate
        return Rules(
            package=tuple(package.line_ids._to_core()),
            key_letter_values=tuple(values._to_core()),
            schedule=agreement.schedule_id.code or None,
            agreement_prices={code: tuple(p) for code, p in prices.items()},
            coverage_rate=Decimal(str(rate)) / 100 if rate else None,
            frequency_limits=package.line_ids._frequency_limits(),
        )
