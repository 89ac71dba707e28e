import base64
import csv
import io

from odoo.tests import TransactionCase, new_test_user


class SiamoReferentialCase(TransactionCase):
    """Acts, key letters and values, a medicine and a provider, independent of demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the national referentials are imported by their manager (ICAMO's administrator)
        cls.referential_manager = new_test_user(
            cls.env,
            login="referential_importer",
            groups="siamo_referentiel.group_referential_manager",
        )
        cls.schedule = cls.env["siamo.tariff.schedule"].create({"name": "Test", "code": "TST"})
        cls.letter_c = cls.env["siamo.key.letter"].create({"code": "CT", "name": "Consultation"})
        cls.values = cls.env["siamo.key.letter.value"].create(
            [
                {
                    "key_letter_id": cls.letter_c.id,
                    "schedule_id": cls.schedule.id,
                    "value": 3000,
                    "date_from": "2013-02-18",
                },
                {
                    "key_letter_id": cls.letter_c.id,
                    "schedule_id": cls.schedule.id,
                    "value": 3500,
                    "date_from": "2024-01-01",
                },
            ]
        )
        cls.consultation_class = cls.env.ref("siamo_referentiel.act_class_consultation")
        cls.act = cls.env["siamo.act"].create(
            {
                "code": "CT01",
                "name": "Consultation test",
                "key_letter_id": cls.letter_c.id,
                "coefficient": 1.5,
                "act_class_id": cls.consultation_class.id,
            }
        )
        cls.medicine = cls.env["siamo.medicine"].create(
            {"code": "MT01", "name": "Paracétamol test", "public_price": 850}
        )
        cls.provider = cls.env["res.partner"].create(
            {
                "name": "Clinique Test",
                "is_company": True,
                "siamo_is_provider": True,
                "siamo_provider_kind": "clinic",
            }
        )

    def _csv(self, header, *rows):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
        return base64.b64encode(buffer.getvalue().encode())

    def _wizard(self, referential, content, filename="fichier.csv", mode="all"):
        return (
            self.env["siamo.referential.import"]
            .with_user(self.referential_manager)
            .create(
                {"referential": referential, "file": content, "filename": filename, "mode": mode}
            )
        )
