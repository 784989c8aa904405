{#
    dbt's default safe_cast is a plain cast, which fails the whole model on one unreadable value.
    Here an unreadable value becomes null, so validation rejects the row with its reason, and
    both engines read the same texts: a plain number (no exponent, no separators) or an ISO
    date. DuckDB's try_cast alone would also take '1.5' as the integer 2 and '0x10' as 16.
    Other types (dbt's unit-test fixtures cast through safe_cast too) keep the engine's cast.
#}
{% macro safe_cast_pattern(type) -%}
    {%- set type_name = type | lower | replace(' ', '') -%}
    {%- if type_name == 'date' -%} [0-9]{4}-[0-9]{2}-[0-9]{2}
    {%- elif type_name == 'integer' -%} [+-]?[0-9]+
    {%- elif type_name.startswith('decimal(') -%} [+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__safe_cast(field, type) -%}
    {%- if safe_cast_pattern(type) -%}
        case when {{ regexp_full_match(field, safe_cast_pattern(type)) }}
            then try_cast({{ field }} as {{ type }}) end
    {%- else -%}
        try_cast({{ field }} as {{ type }})
    {%- endif -%}
{%- endmacro %}

{#
    PostgreSQL has no try_cast: the functions of create_safe_cast_functions check range and
    day. The type is cast outermost: a CASE would drop numeric's precision and scale.
#}
{% macro postgres__safe_cast(field, type) -%}
    {%- set type_name = type | lower | replace(' ', '') -%}
    {%- set schema = safe_cast_schema() -%}
    {%- if not safe_cast_pattern(type) -%}
        cast({{ field }} as {{ type }})
    {%- else -%}
        {%- if type_name == 'date' -%}
            {%- set checked = schema ~ '.try_cast_date(' ~ field ~ ')' -%}
        {%- elif type_name == 'integer' -%}
            {%- set checked = schema ~ '.try_cast_numeric(' ~ field ~ ', 2147483647, 0)' -%}
        {%- else -%}
            {%- set precision, scale = type_name[8:-1].split(',') | map('int') | list -%}
            {%- set max_abs = 10 ** (precision - scale) ~ ' - 1 / ' ~ 10 ** scale ~ '::numeric' -%}
            {%- set checked = schema ~ '.try_cast_numeric(' ~ field ~ ', ' ~ max_abs ~ ', ' ~ scale ~ ')' -%}
        {%- endif -%}
        cast(case when {{ regexp_full_match(field, safe_cast_pattern(type)) }} then {{ checked }} end as {{ type }})
    {%- endif -%}
{%- endmacro %}

{% macro safe_cast_schema() -%}
    staging
{%- endmacro %}

{# on-run-start: the PostgreSQL functions behind safe_cast (nothing to do on DuckDB). #}
{% macro create_safe_cast_functions() -%}
    {{ return(adapter.dispatch('create_safe_cast_functions', 'cogs_recon')()) }}
{%- endmacro %}

{% macro default__create_safe_cast_functions() -%}
    select 1
{%- endmacro %}

{#
    Plain SQL functions, no exception block: a block would open a subtransaction per row.
    Callers have matched safe_cast_pattern, so the text casts to numeric or is a YYYY-MM-DD shape.
#}
{% macro postgres__create_safe_cast_functions() -%}
    {%- set schema = safe_cast_schema() -%}
    create schema if not exists {{ schema }};

    -- The number rounded to scale, or null when it exceeds the type's range.
    create or replace function {{ schema }}.try_cast_numeric(value text, max_abs numeric, scale integer)
    returns numeric language sql immutable parallel safe as $$
        select case when abs(round(value::numeric, scale)) <= max_abs
            then round(value::numeric, scale) end
    $$;

    -- The date, or null when the month or the day does not exist.
    create or replace function {{ schema }}.try_cast_date(value text)
    returns date language sql immutable parallel safe as $$
        select case
            when substr(value, 1, 4) <> '0000' and substr(value, 6, 2) between '01' and '12'
                and substr(value, 9, 2) >= '01'
                then case
                    when substr(value, 9, 2)::integer <= extract(day from (
                        make_date(substr(value, 1, 4)::integer, substr(value, 6, 2)::integer, 1)
                        + interval '1 month' - interval '1 day'))
                        then value::date
                end
        end
    $$;
{%- endmacro %}
