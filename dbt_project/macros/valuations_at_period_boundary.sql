{#
  Item-level ERP valuation at one boundary of each reconciliation period: `previous_period_end`
  for beginning inventory, `period_end` for ending inventory. Shared by both marts so their
  grain and columns cannot drift apart.
#}
{% macro valuations_at_period_boundary(boundary_column) %}

with periods as (

    select * from {{ ref('int_reconciliation_periods_spined') }}

),

valuations as (

    select * from {{ ref('int_inventory_valuations_accepted') }}

),

valuations_per_period as (

    select
        periods.entity,
        periods.period_start,
        valuations.as_of_date,
        valuations.item_sku,
        valuations.location,
        valuations.quantity_on_hand,
        valuations.total_value,
        valuations.source_file,
        valuations.source_line

    from periods
    inner join valuations
        on periods.entity = valuations.entity
        and periods.{{ boundary_column }} = valuations.as_of_date

)

select * from valuations_per_period

{% endmacro %}
