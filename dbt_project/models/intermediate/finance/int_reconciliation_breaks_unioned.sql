-- One row per cause that moves a period's variance or inventory difference: document breaks,
-- valuation changes no transaction explains (by item), a difference already present before the
-- first reconciled period (inventory sync) and an earlier true-up that left the GL inventory off
-- the ERP valuation (non-inventory sync). Effects are signed like the gap they explain.
with document_breaks as (

    select * from {{ ref('int_document_breaks_matched') }}

),

rollforward_gaps as (

    select * from {{ ref('int_rollforward_gaps_itemized') }}

),

periods as (

    select * from {{ ref('int_reconciliation_periods_spined') }}

),

gl_activity as (

    select * from {{ ref('int_gl_activity_summarized') }}

),

valuations as (

    select * from {{ ref('int_inventory_valuations_summarized') }}

),

starting_gaps as (

    -- ERP valuation minus GL inventory at each period's start.
    select
        periods.entity,
        periods.period_start,
        periods.sync_mode,
        valuations.inventory_value - gl_activity.gl_beginning_inventory as starting_gap,
        row_number() over (partition by periods.entity order by periods.period_start)
            as period_number

    from periods
    inner join gl_activity
        on periods.entity = gl_activity.entity
        and periods.period_start = gl_activity.period_start
    inner join valuations
        on periods.entity = valuations.entity
        and periods.previous_period_end = valuations.as_of_date

),

opening_differences as (

    -- Inventory sync: a gap before the first period is a balance every later period inherits
    -- (later gaps are the open document breaks carried forward).
    select
        starting_gaps.entity,
        later_periods.period_start,
        starting_gaps.period_start as arose_in_period,
        starting_gaps.starting_gap

    from starting_gaps
    inner join periods as later_periods
        on starting_gaps.entity = later_periods.entity
        and later_periods.period_start >= starting_gaps.period_start
    where starting_gaps.sync_mode = 'inventory'
        and starting_gaps.period_number = 1
        and starting_gaps.starting_gap <> 0

),

true_up_gaps as (

    -- Non-inventory sync: the GL inventory should start each period at the ERP valuation. A gap
    -- is an earlier true-up missing, partial or duplicated; this period's proposed true-up would
    -- move it into this period's COGS.
    select * from starting_gaps
    where sync_mode = 'non_inventory' and starting_gap <> 0

),

unioned as (

    select
        entity, period_start, break_type, document_reference as reference, erp_amount,
        gl_amount, cogs_effect, inventory_effect, arose_in_period,
        case break_type
            when 'missing_in_gl' then 'ERP ' || movement_class || ' has no GL posting'
            when 'missing_in_erp' then 'GL posting names a document the ERP does not have'
            when 'amount_mismatch' then 'GL moved a different amount than the ERP document'
            when 'cut_off' then 'ERP and GL book the document in different periods'
            when 'direct_posting'
                then 'journal entry posted straight to an inventory or COGS account'
        end
        || case when arose_in_period < period_start
            then ' (open since ' || substring(cast(arose_in_period as {{ dbt.type_string() }}), 1, 7) || ')'
            else '' end as explanation
    from document_breaks

    union all

    select
        entity, period_start, 'rollforward_gap' as break_type,
        item_sku || case when location <> '' then ' @ ' || location else '' end as reference,
        rollforward_difference as erp_amount, cast(null as decimal(18, 2)) as gl_amount,
        case when sync_mode = 'inventory' then rollforward_difference else 0 end as cogs_effect,
        case when sync_mode = 'inventory' then -rollforward_difference else 0 end
            as inventory_effect,
        period_start as arose_in_period,
        'ERP valuation moved ' || cast(-rollforward_difference as {{ dbt.type_string() }})
            || ' more than its transactions explain' as explanation
    from rollforward_gaps

    union all

    select
        entity, period_start, 'opening_difference' as break_type,
        cast(null as {{ dbt.type_string() }}) as reference,
        cast(null as decimal(18, 2)) as erp_amount, cast(null as decimal(18, 2)) as gl_amount,
        0 as cogs_effect, starting_gap as inventory_effect, arose_in_period,
        'ERP valuation and GL inventory already differed before the first reconciled period'
            as explanation
    from opening_differences

    union all

    select
        entity, period_start, 'true_up_gap' as break_type,
        cast(null as {{ dbt.type_string() }}) as reference,
        cast(null as decimal(18, 2)) as erp_amount, cast(null as decimal(18, 2)) as gl_amount,
        starting_gap as cogs_effect, 0 as inventory_effect, period_start as arose_in_period,
        'GL inventory did not start the period at the ERP valuation: an earlier true-up is '
            || 'missing, partial or duplicated' as explanation
    from true_up_gaps
)

select * from unioned
