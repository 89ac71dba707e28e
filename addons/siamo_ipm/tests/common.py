from odoo.tests import HttpCase, TransactionCase, new_test_user


class SiamoIpmData:
    """Two IPMs, each with a member company, a participant and his family."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ipm_a = cls._create_ipm("IPM Test A")
        cls.ipm_b = cls._create_ipm("IPM Test B")
        cls.employer_a = cls.env["res.partner"].create({"name": "Employeur A", "is_company": True})
        cls.employer_b = cls.env["res.partner"].create({"name": "Employeur B", "is_company": True})
        cls.membership_a = cls._create_membership(cls.ipm_a, cls.employer_a)
        cls.membership_b = cls._create_membership(cls.ipm_b, cls.employer_b)
        cls.participant_a = cls._create_participant(cls.membership_a, "Moussa Test")
        cls.spouse_a = cls._create_dependent(cls.participant_a, "Fatou Test", "spouse")
        cls.participant_a2 = cls._create_participant(cls.membership_a, "Lamine Test")
        cls.participant_b = cls._create_participant(cls.membership_b, "Ousmane Test")
        cls.child_b = cls._create_dependent(cls.participant_b, "Awa Test", "child")

    @classmethod
    def _create_ipm(cls, name):
        return cls.env["res.company"].create(
            {"name": name, "siamo_role": "ipm", "siamo_ipm_kind": "inter"}
        )

    @classmethod
    def _create_membership(cls, ipm, employer):
        return cls.env["siamo.membership"].create(
            {"company_id": ipm.id, "partner_id": employer.id, "state": "active"}
        )

    @classmethod
    def _create_participant(cls, membership, name, **values):
        return cls.env["siamo.beneficiary"].create(
            {
                "name": name,
                "company_id": membership.company_id.id,
                "membership_id": membership.id,
                "relationship": "participant",
                **values,
            }
        )

    @classmethod
    def _create_dependent(cls, participant, name, relationship):
        return cls.env["siamo.beneficiary"].create(
            {
                "name": name,
                "company_id": participant.company_id.id,
                "participant_id": participant.id,
                "relationship": relationship,
            }
        )

    @classmethod
    def _ipm_user(cls, login, ipm, group="siamo_ipm.group_ipm_user"):
        return new_test_user(
            cls.env, login=login, groups=group, company_id=ipm.id, company_ids=[ipm.id]
        )

    @classmethod
    def _portal_user(cls, login, partner, ipm, group):
        return new_test_user(
            cls.env,
            login=login,
            groups=group,
            partner_id=partner.id,
            company_id=ipm.id,
            company_ids=[ipm.id],
        )


class SiamoIpmCase(SiamoIpmData, TransactionCase):
    pass


class SiamoIpmHttpCase(SiamoIpmData, HttpCase):
    pass
