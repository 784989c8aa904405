{#
  A primary key over several columns: no combination of the columns appears on more than one
  row, and none of them is null. Returns the offending key values with their row count.
  (Stricter than dbt_utils' test of the same name, which lets null keys through.)
#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

{%- set key_columns = combination_of_columns | join(', ') %}

with keys_counted as (

    select
        {{ key_columns }},
        count(*) as row_count

    from {{ model }}
    group by {{ key_columns }}

)

select * from keys_counted
where row_count > 1
    {%- for column in combination_of_columns %}
    or {{ column }} is null
    {%- endfor %}

{% endtest %}
