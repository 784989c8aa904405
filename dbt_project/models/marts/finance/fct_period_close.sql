-- One row per entity and period: is it closed, does it hold its close, and was it restated.
with reconciliation as (

    select * from {{ ref('fct_cogs_reconciliation') }}

),

close_settings as (

    select * from {{ ref('stg_config__period_close_settings') }}

),

versions as (

    select * from {{ ref('snp_cogs_reconciliation') }}

),

periods_closing as (

    select
        reconciliation.entity,
        reconciliation.period_start,
        reconciliation.period_end,
        reconciliation.status,
        reconciliation.computed_cogs,
        reconciliation.posted_cogs,
        reconciliation.variance,
        reconciliation.inventory_difference,
        least(
            case when reconciliation.period_start <= close_settings.closed_through_period_start
                then cast(reconciliation.period_end + 1 as date) end,
            case when close_settings.close_after_days is not null
                then cast(reconciliation.period_end + close_settings.close_after_days as date) end
        ) as closed_since

    from reconciliation
    cross join close_settings

),

current_versions as (

    select * from versions where dbt_valid_to is null

),

-- The last version, before the current one, in which the period was reconciled.
reconciled_versions_ranked as (

    select
        versions.entity,
        versions.period_start,
        versions.computed_cogs,
        versions.posted_cogs,
        versions.variance,
        versions.inventory_difference,
        cast(current_versions.dbt_valid_from as date) as changed_on,
        row_number() over (
            partition by versions.entity, versions.period_start
            order by versions.dbt_valid_from desc
        ) as recency

    from versions
    inner join current_versions
        on versions.entity = current_versions.entity
        and versions.period_start = current_versions.period_start
    where versions.status = 'reconciled'
        and versions.dbt_valid_to is not null

),

periods_assessed as (

    select
        periods_closing.*,
        periods_closing.closed_since is not null
            and periods_closing.closed_since <= current_date as is_closed,
        reconciled.entity is not null
            and periods_closing.closed_since is not null
            and reconciled.changed_on >= periods_closing.closed_since as is_restated,
        reconciled.computed_cogs as reconciled_computed_cogs,
        reconciled.posted_cogs as reconciled_posted_cogs,
        reconciled.variance as reconciled_variance,
        reconciled.inventory_difference as reconciled_inventory_difference

    from periods_closing
    left join reconciled_versions_ranked as reconciled
        on periods_closing.entity = reconciled.entity
        and periods_closing.period_start = reconciled.period_start
        and reconciled.recency = 1

),

final as (

    select
        entity,
        period_start,
        period_end,
        status,
        closed_since,
        is_closed,
        is_closed and is_restated as is_restated,
        case
            when is_closed and (is_restated or status <> 'reconciled') then 'error'
            when not is_closed and status = 'true_up_required' then 'warning'
            else 'ok'
        end as close_check,
        case
            when is_closed and is_restated
                then 'restated after it was reconciled and closed: posted COGS '
                    || cast(reconciled_posted_cogs as {{ dbt.type_string() }}) || ' -> '
                    || cast(posted_cogs as {{ dbt.type_string() }}) || ', computed COGS '
                    || cast(reconciled_computed_cogs as {{ dbt.type_string() }}) || ' -> '
                    || cast(computed_cogs as {{ dbt.type_string() }})
            when is_closed and status <> 'reconciled'
                then 'closed since ' || cast(closed_since as {{ dbt.type_string() }})
                    || ' but ' || status
            when not is_closed and status = 'true_up_required'
                then 'open: awaits its month-end true-up'
        end as close_reason,
        {{ money('reconciled_computed_cogs') }} as reconciled_computed_cogs,
        {{ money('reconciled_posted_cogs') }} as reconciled_posted_cogs,
        {{ money('reconciled_variance') }} as reconciled_variance,
        {{ money('reconciled_inventory_difference') }} as reconciled_inventory_difference,
        {{ money('computed_cogs') }} as computed_cogs,
        {{ money('posted_cogs') }} as posted_cogs,
        {{ money('variance') }} as variance,
        {{ money('inventory_difference') }} as inventory_difference

    from periods_assessed

)

select * from final
