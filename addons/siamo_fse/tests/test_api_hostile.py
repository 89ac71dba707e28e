import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from siamo_core.fse.fhir import to_claim

from .common import FseHttpCase
from .test_api import ApiKeys

FSE, FHIR, AUTH = "/siamo/api/v1/fse", "/siamo/api/v1/fhir/Claim", "/siamo/api/v1/authorizations"

texts = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["\ud800", "a\udfffb", "\x00", "", "2026", "2026-11", "null"]),
)
values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=10**30, max_value=10**300),
        st.floats(allow_nan=False),
        texts,
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(texts, children, max_size=3)
    ),
    max_leaves=8,
)


def nested(depth):
    body = "1"
    return "[" * depth + body + "]" * depth


def dumps(value):
    """The JSON text a hostile client sends: lone surrogates escaped as \\ud800."""
    return json.dumps(value, ensure_ascii=True)


# a bounded, repeatable run over HTTP (tier 1 runs the large one on the core parsers)
BOUNDED = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@tagged("post_install", "-at_install")
class TestHostileRequests(ApiKeys, FseHttpCase):
    """Whatever the body, the JSON and FHIR endpoints answer a 4xx JSON with reasons and
    write nothing: never a 500 and its HTML page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._provider_users_with_keys("hostile")
        cls.claim = json.loads(to_claim(cls._sheet("H-CLAIM")).model_dump_json())

    def _post(self, url, data, method="POST"):
        return self.opener.request(
            method,
            self.base_url() + url,
            data=data,
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.clinic_token}",
            },
            timeout=60,
        )

    def _written(self):
        env = self.env
        return (
            env["siamo.fse.submission"].search_count([]),
            env["siamo.fse"].search_count([]),
            env["siamo.care.authorization"].search_count([]),
        )

    def assertRefused(self, url, data):
        response = self._post(url, data)
        self.assertEqual(response.headers["Content-Type"].split(";")[0], "application/json")
        body = response.json()
        if response.status_code == 200 and url == FSE and isinstance(body, dict):
            # a batch: acknowledged sheet by sheet, each refused
            acks = body["acknowledgements"]
            self.assertTrue(acks and all(ack["status"] == "rejected" for ack in acks), body)
            return response
        self.assertTrue(400 <= response.status_code < 500, (url, data[:80], response.text[:300]))
        self.assertTrue(
            body.get("error") or body.get("resourceType") == "ClaimResponse",
            (url, data[:80], body),
        )
        return response

    def assertNothingStored(self, response, before):
        """A body that cannot be read (400, 413) leaves no trace; a sheet refused on its
        content (422, 403, 409) keeps only its refusal, as the intake always did."""
        written = self._written()
        if response.status_code in (400, 413):
            self.assertEqual(written, before, response.text[:300])
        else:
            self.assertEqual(written[1:], before[1:], response.text[:300])

    # ------------------------------------------------------------------ the reported cases

    def test_lone_surrogates_are_refused_with_reasons(self):
        before = self._written()
        sheet = {**self._sheet("H-SUR"), "presence_proof": {"kind": "card", "reference": "\ud800"}}
        response = self.assertRefused(FSE, dumps(sheet))
        self.assertEqual(response.json()["reasons"][0]["code"], "FSE-SCHEMA")
        self.assertIn("presence_proof/reference", response.json()["reasons"][0]["detail"])
        self.assertRefused(FSE, dumps({**self._sheet("H-SUR2"), "sheet_id": "A\udc00"}))
        self.assertRefused(FHIR, dumps({**self.claim, "identifier": [{"value": "\ud800"}]}))
        self.assertRefused(AUTH, dumps({"beneficiary": {"nin": "\ud800"}, "reason": "\ud800"}))
        self.assertRefused(FSE, dumps({**self._sheet("H-NUL"), "sheet_id": "A\x00"}))
        self.assertEqual(self._written(), before)

    def test_deeply_nested_json_is_refused(self):
        before = self._written()
        for url in (FSE, FHIR, AUTH):
            for depth in (40, 5_000, 100_000):
                self.assertRefused(url, nested(depth))
            deep = {**self._sheet("H-DEEP")}
            deep["lines"][0]["code"] = json.loads(nested(900))
            self.assertRefused(url, dumps(deep))
        self.assertEqual(self._written(), before)

    def test_fhir_items_with_null_or_empty_values_are_refused(self):
        before = self._written()
        item = self.claim["item"][0]
        for broken in (
            {**item, "productOrService": None},
            {**item, "productOrService": {}},
            {**item, "quantity": {}},
            {**item, "net": {"value": None, "currency": "XOF"}},
            {**item, "unitPrice": {"value": 5000.5, "currency": "XOF"}},
            None,
            {},
        ):
            self.assertRefused(FHIR, dumps({**self.claim, "item": [broken]}))
        self.assertRefused(FHIR, dumps({**self.claim, "insurance": None}))
        self.assertRefused(FHIR, dumps({**self.claim, "supportingInfo": [{"sequence": 1}]}))
        self.assertEqual(self._written(), before)

    def test_fhir_partial_dates_are_refused(self):
        before = self._written()
        for created in ("2026", "2026-11"):
            response = self.assertRefused(FHIR, dumps({**self.claim, "created": created}))
            self.assertIn("created", json.dumps(response.json()))
        self.assertEqual(self._written(), before)

    def test_huge_numbers_are_refused(self):
        before = self._written()
        amount = 10**40
        sheet = self._sheet("H-BIG")
        sheet["lines"][0].update(unit_price=amount, amount=amount)
        self.assertRefused(FSE, dumps(sheet))
        self.assertRefused(FSE, '{"total": 1' + "0" * 5000 + "}")
        self.assertRefused(FSE, '{"total": NaN}')
        self.assertRefused(FSE, '{"total": 1e999}')
        claim = json.loads(json.dumps(self.claim))
        claim["total"]["value"] = 1e308
        self.assertRefused(FHIR, dumps(claim))
        self.assertRefused(FHIR, json.dumps(self.claim).replace('"value": 6500', '"value": 1e999'))
        for big in (10**30, 2**31, -1):
            body = {
                "beneficiary": {"member_number": self.participant_a.member_number},
                "items": ["TST-SCAN"],
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
                "amount": big,
            }
            self.assertRefused(AUTH, dumps(body))
        self.assertEqual(self._written(), before)

    def test_an_options_request_is_answered_without_storing_the_sheet(self):
        before = self._written()
        for url in (FSE, FHIR, AUTH):
            response = self._post(url, dumps(self._sheet("H-OPT")), method="OPTIONS")
            self.assertEqual(response.status_code, 204, url)
            self.assertEqual(response.headers["Allow"], "POST, OPTIONS")
        self.assertEqual(self._written(), before)
        # the same sheet by POST is then received: OPTIONS had not stored it
        self.assertEqual(self._post(FSE, dumps(self._sheet("H-OPT"))).status_code, 201)

    # ------------------------------------------------------------------ generated bodies

    @BOUNDED
    @given(
        url=st.sampled_from([FSE, FHIR, AUTH]),
        body=values,
        change=st.tuples(
            st.sampled_from(["sheet_id", "lines", "beneficiary", "total", "care_date", "ipm"]),
            values,
        ),
        whole=st.booleans(),
    )
    def test_any_generated_body_gets_a_4xx_json(self, url, body, change, whole):
        if not whole:  # a real sheet with one field replaced by anything
            key, value = change
            body = {**self._sheet("H-GEN"), key: value}
        before = self._written()
        self.assertNothingStored(self.assertRefused(url, dumps(body)), before)

    @BOUNDED
    @given(
        path=st.sampled_from(
            [
                ("created",),
                ("item", 0, "quantity"),
                ("item", 0, "productOrService"),
                ("item", 0, "net", "value"),
                ("total",),
                ("patient", "identifier", "value"),
                ("insurance",),
                ("identifier", 0, "value"),
                ("extension",),
            ]
        ),
        value=values,
    )
    def test_any_broken_claim_gets_a_4xx_json(self, path, value):
        claim = json.loads(json.dumps(self.claim))
        node = claim
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
        before = self._written()
        response = self._post(FHIR, dumps(claim))
        # never a 500; a Claim still readable may be received (a null quantity means one)
        self.assertLess(response.status_code, 500, response.text[:300])
        self.assertEqual(
            response.json()["resourceType"] if response.ok else "error",
            "ClaimResponse" if response.ok else "error",
        )
        if not response.ok:
            self.assertTrue(response.json().get("error"), response.text[:300])
            self.assertNothingStored(response, before)
