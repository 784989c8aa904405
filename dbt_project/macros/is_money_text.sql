{# A money amount as the exports must write it: optional sign, digits, at most 2 decimals. #}
{% macro is_money_text(field) -%}
    {{ regexp_full_match(field, '[+-]?[0-9]+([.][0-9]{1,2})?') }}
{%- endmacro %}
