{# First day of the calendar month holding a date: the period_start of every mart. #}
{% macro month_start(date_expression) -%}
    cast({{ dbt.date_trunc('month', date_expression) }} as date)
{%- endmacro %}
