-- One row per entity and period: computed COGS against posted COGS, ERP valuation against
-- the GL inventory asset, the roll-forward check, the proposed true-up and the status.
with periodic_cogs as (

    select * from {{ ref('fct_periodic_cogs') }}

),

gl_activity as (

    select * from {{ ref('int_gl_activity_summarized') }}

),

rejected_rows as (

    select * from {{ ref('int_rejected_rows_unioned') }}

),

adjustment_accounts as (

    select distinct entity
    from {{ ref('int_gl_accounts_classified') }}
    where role = 'inventory_adjustment'

),

rejects_per_period as (

    select
        periodic_cogs.entity,
        periodic_cogs.period_start,
        count(*) as rejected_row_count

    from periodic_cogs
    inner join rejected_rows
        on periodic_cogs.entity = rejected_rows.entity
        and (rejected_rows.affected_from is null
            or rejected_rows.affected_from <= periodic_cogs.period_start)
        and (rejected_rows.affected_through is null
            or periodic_cogs.period_start <= rejected_rows.affected_through)
    group by periodic_cogs.entity, periodic_cogs.period_start

),

figures_compared as (

    select
        periodic_cogs.*,
        gl_activity.posted_cogs,
        gl_activity.gl_ending_inventory,
        coalesce(gl_activity.gl_line_count, 0) as gl_line_count,
        coalesce(rejects_per_period.rejected_row_count, 0) as rejected_row_count,
        adjustment_accounts.entity is not null as has_adjustment_account,
        periodic_cogs.computed_cogs - gl_activity.posted_cogs as variance,
        periodic_cogs.ending_inventory - gl_activity.gl_ending_inventory as inventory_difference,
        periodic_cogs.beginning_inventory + periodic_cogs.purchases
            + periodic_cogs.erp_adjustments - periodic_cogs.cost_of_deliveries
            - periodic_cogs.ending_inventory as rollforward_difference

    from periodic_cogs
    left join gl_activity
        on periodic_cogs.entity = gl_activity.entity
        and periodic_cogs.period_start = gl_activity.period_start
    left join rejects_per_period
        on periodic_cogs.entity = rejects_per_period.entity
        and periodic_cogs.period_start = rejects_per_period.period_start
    left join adjustment_accounts
        on periodic_cogs.entity = adjustment_accounts.entity

),

true_up_split as (

    -- The true-up sets the GL inventory to the ERP valuation. The part equal to the period's
    -- ERP adjustments goes to the adjustment account when the entity keeps one; the rest to COGS.
    select
        *,
        inventory_difference as true_up_amount,
        case
            when inventory_difference <> 0
                and adjustments_booked_to = 'inventory_adjustment'
                and has_adjustment_account
                then erp_adjustments
            else 0
        end as true_up_adjustment_amount

    from figures_compared

),

statuses_assigned as (

    select
        *,
        true_up_amount - true_up_adjustment_amount as true_up_cogs_amount,
        case
            when sync_mode is null
                or beginning_inventory is null
                or ending_inventory is null
                or gl_line_count = 0
                or rejected_row_count > 0
                then 'incomplete'
            when variance = 0 and inventory_difference = 0 and rollforward_difference = 0
                then 'reconciled'
            -- Posting the true-up credits COGS by its COGS part: that must close the variance.
            when sync_mode = 'non_inventory'
                and rollforward_difference = 0
                and variance + (true_up_amount - true_up_adjustment_amount) = 0
                then 'true_up_required'
            else 'unreconciled'
        end as status

    from true_up_split

),

reasons_written as (

    select
        *,
        case status
            when 'reconciled'
                then 'computed COGS equals posted COGS and the GL inventory equals the ERP valuation'
            when 'true_up_required'
                then 'post the proposed month-end true-up of '
                    || cast(true_up_amount as {{ dbt.type_string() }})
                    || ' (marts.fct_true_up_journal_lines)'
            when 'incomplete'
                then concat_ws('; ',
                    case when sync_mode is null
                        then 'entity ' || entity || ' has no settings in cogs_recon.yml' end,
                    case when beginning_inventory is null
                        then 'no ERP valuation snapshot at '
                            || cast(period_start - 1 as {{ dbt.type_string() }}) end,
                    case when ending_inventory is null
                        then 'no ERP valuation snapshot at '
                            || cast(period_end as {{ dbt.type_string() }}) end,
                    case when gl_line_count = 0 then 'no GL lines in the period' end,
                    case when rejected_row_count > 0
                        then cast(rejected_row_count as {{ dbt.type_string() }})
                            || ' rejected export rows touch the period (marts.fct_rejected_rows)'
                    end
                )
            else concat_ws('; ',
                case when variance <> 0
                    then 'computed COGS differs from posted COGS by '
                        || cast(variance as {{ dbt.type_string() }}) end,
                case when inventory_difference <> 0
                    then 'ERP valuation differs from the GL inventory by '
                        || cast(inventory_difference as {{ dbt.type_string() }}) end,
                case when rollforward_difference <> 0
                    then 'ERP valuation moved '
                        || cast(rollforward_difference as {{ dbt.type_string() }})
                        || ' more than its transactions explain' end
            )
        end as status_reason

    from statuses_assigned

),

final as (

    select
        entity,
        period_start,
        period_end,
        sync_mode,
        beginning_inventory,
        purchases,
        adjustments,
        ending_inventory,
        computed_cogs,
        {{ money('posted_cogs') }} as posted_cogs,
        {{ money('variance') }} as variance,
        {{ money('gl_ending_inventory') }} as gl_ending_inventory,
        {{ money('inventory_difference') }} as inventory_difference,
        {{ money('rollforward_difference') }} as rollforward_difference,
        {{ money('true_up_amount') }} as true_up_amount,
        {{ money('true_up_cogs_amount') }} as true_up_cogs_amount,
        {{ money('true_up_adjustment_amount') }} as true_up_adjustment_amount,
        status,
        status_reason

    from reasons_written

)

select * from final
