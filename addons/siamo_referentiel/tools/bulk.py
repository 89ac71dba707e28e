"""Writing tens of thousands of plain records with one COPY instead of one INSERT each."""

import csv
import io
import json
from itertools import islice

import psycopg2
from psycopg2 import sql
from psycopg2.extras import Json as PsycopgJson

from odoo import fields

# what PostgreSQL stores while the next chunk is computed: small enough to overlap, large
# enough that the round trips do not count
COPY_CHUNK = 1 << 16


def bulk_create(model, vals_list):
    """Store ``vals_list`` as ``model.create`` would, with one COPY: defaults, stored computed
    fields and constraints included, no ``create`` override and no mail tracking. For plain
    records only (referentials, contribution lines). A stored related field given in the
    values is written as it is: the caller vouches for it."""
    env = model.env
    model.check_access("create")
    if not vals_list:
        return model.browse()
    env.flush_all()
    given = {name for vals in vals_list for name in vals}
    # a stored related field is written as given (the caller knows it), else computed
    stored = [
        field
        for name, field in model._fields.items()
        if field.store
        and field.column_type
        and name != "id"
        and (not field.compute or (field.related and name in given))
    ]
    defaults = _defaults(model, [field.name for field in stored if field.name not in given])
    columns = [field for field in stored if field.name in given or field.name in defaults]
    ids = _next_ids(model, len(vals_list))
    converters = [_copy_converter(model, field) for field in columns]
    cells = [(field.name, defaults.get(field.name)) for field in columns]
    converted = [(index, convert) for index, convert in enumerate(converters, start=1) if convert]

    def rows():
        for record_id, vals in zip(ids, vals_list, strict=True):
            row = [record_id] + [vals.get(name, default) for name, default in cells]
            for index, convert in converted:
                row[index] = convert(row[index], vals)
            yield row

    _copy(model, ["id"] + [field.name for field in columns], rows())
    records = model.browse(ids)
    for field in model._fields.values():
        if field.store and field.compute and field not in columns:
            env.add_to_compute(field, records)
    records._validate_fields(given)
    return records


def bulk_insert(model, names, rows):
    """Store ``rows`` — tuples of values in the order of ``names`` — with one COPY that
    PostgreSQL reads while the rows are produced: ``rows`` may be a generator computing them,
    and the database stores one chunk while the next one is computed. The rows take their ids
    from the table's sequence and the other columns their defaults; nothing is read back.

    For results written by the million: a model with no stored computed field and no Python
    constraint to apply. The generator must not query the database: the COPY holds the
    connection until its last row. Returns the number of rows written."""
    env = model.env
    model.check_access("create")
    _check_nothing_to_apply(model)
    env.flush_all()
    missing = [
        name
        for name, field in model._fields.items()
        if field.store and field.column_type and name != "id" and name not in names
    ]
    defaults = _defaults(model, missing)
    constants = tuple(_column_value(model, name, value) for name, value in defaults.items())
    # many2one values come as ids or None: no conversion a million times
    converters = [
        None
        if model._fields[name].type == "many2one"
        else _copy_converter(model, model._fields[name])
        for name in names
    ]
    if any(converters):
        rows = _converted(rows, converters)
    if constants:
        rows = ((*row, *constants) for row in rows)
    return _copy(model, [*names, *defaults], rows)


def _converted(rows, converters):
    for row in rows:
        yield [
            convert(value, {}) if convert else value
            for value, convert in zip(row, converters, strict=True)
        ]


def _check_nothing_to_apply(model):
    computed = [name for name, field in model._fields.items() if field.store and field.compute]
    if computed or model._constraint_methods:
        raise ValueError(
            f"{model._name} has stored computed fields or constraints: its records are "
            "needed, create them with bulk_create."
        )


def _column_value(model, name, value):
    convert = _copy_converter(model, model._fields[name])
    return convert(value, {}) if convert else value


def _defaults(model, names):
    """The defaults of ``names``, with the log columns as ``create`` writes them."""
    defaults = model.default_get(names)
    if model._log_access:
        now = fields.Datetime.now()
        uid = model.env.uid
        defaults.update(create_uid=uid, write_uid=uid, create_date=now, write_date=now)
    return defaults


class _CsvStream:
    """A file that COPY reads: csv text of the rows, produced a chunk at a time as PostgreSQL
    asks for it."""

    def __init__(self, rows):
        self._rows = iter(rows)
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer)
        self.count = 0
        # what the rows raised: psycopg2 reports it as a cancelled COPY, without it
        self.error = None

    # a file's read, as psycopg2 calls it; not an Odoo model's (nothing to call super on)
    def read(self, size=-1):  # pylint: disable=method-required-super
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        try:
            # a thousand rows at a time: the csv writer walks them in C
            while rows := list(islice(self._rows, 1000)):
                self._writer.writerows(rows)
                self.count += len(rows)
                if 0 <= size <= buffer.tell():
                    break
        except Exception as error:
            self.error = error
            raise
        return buffer.getvalue()


def _copy(model, names, rows):
    count = _copy_rows(model.env.cr, model._table, names, rows)
    # the rows were written behind the ORM: forget what it cached, inverse x2many included
    model.env.invalidate_all()
    return count


def _copy_rows(cr, table, names, rows):
    copy = sql.SQL("COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)").format(
        table=sql.Identifier(table),
        columns=sql.SQL(", ").join(sql.Identifier(name) for name in names),
    )
    cursor = cr._obj
    stream = _CsvStream(rows)
    try:
        cursor.copy_expert(copy.as_string(cursor), stream, size=COPY_CHUNK)
    except psycopg2.Error:
        # the rows failed (a business error of the code computing them): raise it as it is
        if stream.error is not None:
            raise stream.error from None
        raise
    return stream.count


def _copy_converter(model, field):
    """How a value of ``field`` is written for COPY's csv format (an empty field is NULL).

    None when the value needs no conversion: values come already typed (str, int, float
    rounded to the field's digits, date, bool); translated, company-dependent and other
    fields go through the ORM's conversion.
    """
    if field.type == "boolean":
        return lambda value, vals: "t" if value else "f"
    if field.type == "many2one":
        return lambda value, vals: value or None
    plain = ("char", "text", "integer", "float", "date", "datetime", "selection")
    if field.type in plain and not (field.translate or field.company_dependent):
        return None
    record = model.browse()

    def convert(value, vals):
        column = field.convert_to_column_insert(value, record, vals)
        return json.dumps(column.adapted) if isinstance(column, PsycopgJson) else column

    return convert


def _next_ids(model, count):
    model.env.cr.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        (model._table, count),
    )
    return [row[0] for row in model.env.cr.fetchall()]


def bulk_update(model, names, rows):
    """Write ``rows`` — ``(id, value, ...)`` tuples, values in the order of ``names`` — with
    one COPY into a temporary table and one UPDATE, instead of one UPDATE per record. For
    plain stored fields (integers, chars, selections, many2one ids) that no stored computed
    field depends on."""
    env = model.env
    model.check_access("write")
    env.flush_all()
    types = [model._fields[name].column_type[1] for name in names]
    staging_name = f"siamo_bulk_{model._table}"
    staging = sql.Identifier(staging_name)
    cursor = env.cr._obj
    cursor.execute(
        sql.SQL("CREATE TEMP TABLE {staging} (id int4, {columns}) ON COMMIT DROP").format(
            staging=staging,
            columns=sql.SQL(", ").join(
                sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(kind))
                for name, kind in zip(names, types, strict=True)
            ),
        )
    )
    _copy_rows(env.cr, staging_name, ["id", *names], rows)
    # without statistics PostgreSQL would scan the whole table for a few thousand rows
    cursor.execute(sql.SQL("ANALYZE {staging}").format(staging=staging))
    cursor.execute(
        sql.SQL(
            "UPDATE {table} AS t SET {assignments}, write_uid = %s, write_date = %s "
            "FROM {staging} AS v WHERE t.id = v.id; DROP TABLE {staging}"
        ).format(
            table=sql.Identifier(model._table),
            staging=staging,
            assignments=sql.SQL(", ").join(
                sql.SQL("{column} = v.{column}").format(column=sql.Identifier(name))
                for name in names
            ),
        ),
        (env.uid, fields.Datetime.now()),
    )
    env.invalidate_all()
