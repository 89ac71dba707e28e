"""Writing tens of thousands of plain records with one COPY instead of one INSERT each."""

import csv
import io
import json

from psycopg2 import sql
from psycopg2.extras import Json as PsycopgJson
from psycopg2.extras import execute_values

from odoo import fields


def bulk_create(model, vals_list):
    """Store ``vals_list`` as ``model.create`` would, with one COPY: defaults, stored computed
    fields and constraints included, no ``create`` override and no mail tracking. For plain
    records only (referentials, contribution lines). A stored related field given in the
    values is written as it is: the caller vouches for it."""
    env = model.env
    model.check_access("create")
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
    defaults = model.default_get([field.name for field in stored if field.name not in given])
    now = fields.Datetime.now()
    defaults.update(create_uid=env.uid, write_uid=env.uid, create_date=now, write_date=now)
    columns = [field for field in stored if field.name in given or field.name in defaults]
    ids = _next_ids(model, len(vals_list))
    converters = [_copy_converter(model, field) for field in columns]
    cells = [(field.name, defaults.get(field.name)) for field in columns]
    converted = [(index, convert) for index, convert in enumerate(converters, start=1) if convert]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for record_id, vals in zip(ids, vals_list, strict=True):
        row = [record_id] + [vals.get(name, default) for name, default in cells]
        for index, convert in converted:
            row[index] = convert(row[index], vals)
        writer.writerow(row)
    buffer.seek(0)
    copy = sql.SQL("COPY {table} (id, {columns}) FROM STDIN WITH (FORMAT csv)").format(
        table=sql.Identifier(model._table),
        columns=sql.SQL(", ").join(sql.Identifier(field.name) for field in columns),
    )
    cursor = env.cr._obj
    cursor.copy_expert(copy.as_string(cursor), buffer)
    # the rows were written behind the ORM: forget what it cached, inverse x2many included
    env.invalidate_all()
    records = model.browse(ids)
    for field in model._fields.values():
        if field.store and field.compute and field not in columns:
            env.add_to_compute(field, records)
    records._validate_fields(given)
    return records


def _copy_converter(model, field):
    """How a value of ``field`` is written for COPY's csv format (an empty field is NULL).

    None when the value needs no conversion: values come already typed (str, int, date,
    bool); translated, company-dependent and other fields go through the ORM's conversion.
    """
    if field.type == "boolean":
        return lambda value, vals: "t" if value else "f"
    plain = ("char", "text", "integer", "date", "datetime", "selection")
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


def bulk_update(model, names, rows, page_size=10_000):
    """Write ``rows`` — ``(id, value, ...)`` tuples, values in the order of ``names`` — with
    one UPDATE per page instead of one per record. For plain stored fields (integers, chars,
    selections, many2one ids) of records no computed field depends on."""
    env = model.env
    model.check_access("write")
    env.flush_all()
    columns = sql.SQL(", ").join(sql.Identifier(name) for name in names)
    assignments = sql.SQL(", ").join(
        sql.SQL("{column} = v.{column}").format(column=sql.Identifier(name)) for name in names
    )
    casts = [model._fields[name].column_type[1] for name in names]
    query = sql.SQL(
        "UPDATE {table} AS t SET {assignments}, write_uid = {uid}, write_date = {now} "
        "FROM (VALUES %s) AS v(id, {columns}) WHERE t.id = v.id"
    ).format(
        table=sql.Identifier(model._table),
        assignments=assignments,
        uid=sql.Literal(env.uid),
        now=sql.Literal(fields.Datetime.now()),
        columns=columns,
    )
    template = "(%s, " + ", ".join(f"%s::{cast}" for cast in casts) + ")"
    cursor = env.cr._obj
    statement = query.as_string(cursor)
    for start in range(0, len(rows), page_size):
        page = rows[start : start + page_size]
        execute_values(cursor, statement, page, template=template, page_size=page_size)
    env.invalidate_all()
