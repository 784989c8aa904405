{# dbt's default safe_cast is a plain cast; DuckDB can return null for unreadable text instead. #}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
