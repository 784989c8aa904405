{# A read value quoted for a reject reason, so an empty cell reads as '' rather than vanishing. #}
{% macro quoted_text(field) -%}
    '''' || coalesce({{ field }}, '') || ''''
{%- endmacro %}
