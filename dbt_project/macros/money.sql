{# The one money type: exact decimal with 2 places, from the first cast to the marts. #}
{% macro money(expression) -%}
    cast({{ expression }} as decimal(18, 2))
{%- endmacro %}
