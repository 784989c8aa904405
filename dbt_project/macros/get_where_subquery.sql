{#
  dbt's own macro, which a generic test wraps its model in, with one addition: in a run with a
  period window, a test of a period-partitioned model reads only the rows that run rebuilt
  (every other period was tested when it was built). The tests of a 10M-line ledger then cost
  a month's rows, not five years'.
#}
{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- if config.get('where') -%}
        {%- do conditions.append('(' ~ config.get('where') ~ ')') -%}
    {%- endif -%}
    {%- if execute and run_has_period_window() and is_period_partitioned(relation) -%}
        {%- do conditions.append(
            '(' ~ period_window_condition('period_start') ~ ' or period_start is null)') -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') dbt_subquery') -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}

{% macro is_period_partitioned(relation) -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.alias == relation.identifier
            and 'period_partitioned' in node.tags -%}
            {{- return(true) -}}
        {%- endif -%}
    {%- endfor -%}
    {{- return(false) -}}
{%- endmacro %}
