{#
  The fiscal calendar: monthly periods starting on day COGS_RECON_PERIOD_START_DAY (1-28) of
  each month, calendar months by default. Dagster's partitions read the same variable
  (orchestration/partitions.py). A period is named by the month it starts in.
#}
{% macro period_start_day() -%}
    {%- set day = env_var('COGS_RECON_PERIOD_START_DAY', '1') | int -%}
    {%- if day < 1 or day > 28 -%}
        {{ exceptions.raise_compiler_error("COGS_RECON_PERIOD_START_DAY must be a day from 1 to 28, not " ~ env_var('COGS_RECON_PERIOD_START_DAY')) }}
    {%- endif -%}
    {{ return(day) }}
{%- endmacro %}

{# The first day of the period holding a date: the period_start of every mart. #}
{% macro period_start(date_expression) -%}
    {%- set offset = period_start_day() - 1 -%}
    {%- if offset == 0 -%}
        cast({{ dbt.date_trunc('month', date_expression) }} as date)
    {%- else -%}
        cast({{ dbt.dateadd('day', offset, dbt.date_trunc('month', dbt.dateadd('day', -offset, date_expression))) }} as date)
    {%- endif -%}
{%- endmacro %}

{# The last day of the period that starts on a period_start. #}
{% macro period_end(period_start_expression) -%}
    cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, period_start_expression)) }} as date)
{%- endmacro %}
