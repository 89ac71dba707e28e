"""Writing tens of thousands of plain records with one COPY instead of one INSERT each."""

import csv
import io
import json

from psycopg2 import sql
from psycopg2.extras import Json as PsycopgJson

from odoo import fields


def bulk_create(model, vals_list, returning=True):
    """Store ``vals_list`` as ``model.create`` would, with one COPY: defaults, stored computed
    fields and constraints included, no ``create`` override and no mail tracking. For plain
    records only (referentials, contribution lines). A stored related field given in the
    values is written as it is: the caller vouches for it.

    With ``returning=False`` the rows take their ids from the table's sequence and nothing is
    returned: for a model with no stored computed field and no Python constraint to apply
    (results written by the million)."""
    env = model.env
    model.check_access("create")
    if not vals_list:
        return model.browse() if returning else None
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
    if not returning:
        _check_nothing_to_apply(model, columns)
    ids = _next_ids(model, len(vals_list)) if returning else [None] * len(vals_list)
    converters = [_copy_converter(model, field) for field in columns]
    cells = [(field.name, defaults.get(field.name)) for field in columns]
    converted = [(index, convert) for index, convert in enumerate(converters, start=1) if convert]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    first = 0 if returning else 1
    for record_id, vals in zip(ids, vals_list, strict=True):
        row = [record_id] + [vals.get(name, default) for name, default in cells]
        for index, convert in converted:
            row[index] = convert(row[index], vals)
        writer.writerow(row[first:])
    buffer.seek(0)
    names = ["id"] * returning + [field.name for field in columns]
    copy = sql.SQL("COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)").format(
        table=sql.Identifier(model._table),
        columns=sql.SQL(", ").join(sql.Identifier(name) for name in names),
    )
    cursor = env.cr._obj
    cursor.copy_expert(copy.as_string(cursor), buffer)
    # the rows were written behind the ORM: forget what it cached, inverse x2many included
    env.invalidate_all()
    if not returning:
        return None
    records = model.browse(ids)
    for field in model._fields.values():
        if field.store and field.compute and field not in columns:
            env.add_to_compute(field, records)
    records._validate_fields(given)
    return records


def _check_nothing_to_apply(model, columns):
    computed = [
        name
        for name, field in model._fields.items()
        if field.store and field.compute and field not in columns
    ]
    if computed or model._constraint_methods:
        raise ValueError(
            f"{model._name} has stored computed fields or constraints: its records are "
            "needed, create them with returning=True."
        )


def _copy_converter(model, field):
    """How a value of ``field`` is written for COPY's csv format (an empty field is NULL).

    None when the value needs no conversion: values come already typed (str, int, date,
    bool); translated, company-dependent and other fields go through the ORM's conversion.
    """
    if field.type == "boolean":
        return lambda value, vals: "t" if value else "f"
    if field.type == "many2one":
        return lambda value, vals: value or None
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


def bulk_update(model, names, rows):
    """Write ``rows`` — ``(id, value, ...)`` tuples, values in the order of ``names`` — with
    one COPY into a temporary table and one UPDATE, instead of one UPDATE per record. For
    plain stored fields (integers, chars, selections, many2one ids) that no stored computed
    field depends on."""
    env = model.env
    model.check_access("write")
    env.flush_all()
    types = [model._fields[name].column_type[1] for name in names]
    staging = sql.Identifier(f"siamo_bulk_{model._table}")
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
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows)
    buffer.seek(0)
    cursor.copy_expert(
        sql.SQL("COPY {staging} FROM STDIN WITH (FORMAT csv)")
        .format(staging=staging)
        .as_string(cursor),
        buffer,
    )
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
