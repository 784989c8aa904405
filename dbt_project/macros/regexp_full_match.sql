{# True when the whole text matches the pattern; dbt ships no cross-database regex macro. #}
{% macro regexp_full_match(field, pattern) -%}
    {{ return(adapter.dispatch('regexp_full_match', 'cogs_recon')(field, pattern)) }}
{%- endmacro %}

{% macro duckdb__regexp_full_match(field, pattern) -%}
    regexp_full_match({{ field }}, '{{ pattern }}')
{%- endmacro %}

{% macro postgres__regexp_full_match(field, pattern) -%}
    ({{ field }} ~ '^(?:{{ pattern }})$')
{%- endmacro %}
