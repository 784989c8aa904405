{# A date as the exports must write it: YYYY-MM-DD (the cast decides whether it exists). #}
{% macro is_iso_date_text(field) -%}
    {{ regexp_full_match(field, '[0-9]{4}-[0-9]{2}-[0-9]{2}') }}
{%- endmacro %}
