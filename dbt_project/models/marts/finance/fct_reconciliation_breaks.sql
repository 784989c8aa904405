-- One row per document or cause that explains a period's COGS variance or inventory
-- difference. Per period the cogs_effects sum exactly to the gap and the inventory_effects to
-- the inventory gap; what matching cannot explain is one `unexplained` row. In non-inventory
-- sync the gap explained is what remains after the proposed month-end true-up.
with reconciliation as (

    select * from {{ ref('fct_cogs_reconciliation') }}
    where status <> 'incomplete'

),

breaks as (

    select * from {{ ref('int_reconciliation_breaks_unioned') }}

),

gaps_to_explain as (

    select
        entity,
        period_start,
        case sync_mode
            when 'non_inventory' then variance + true_up_cogs_amount
            else variance
        end as cogs_gap,
        case sync_mode
            when 'non_inventory' then inventory_difference - true_up_amount
            else inventory_difference
        end as inventory_gap

    from reconciliation

),

breaks_in_scope as (

    select breaks.*
    from breaks
    inner join reconciliation
        on breaks.entity = reconciliation.entity
        and breaks.period_start = reconciliation.period_start

),

explained as (

    select
        entity,
        period_start,
        sum(cogs_effect) as cogs_explained,
        sum(inventory_effect) as inventory_explained

    from breaks_in_scope
    group by entity, period_start

),

unexplained as (

    select
        gaps_to_explain.entity,
        gaps_to_explain.period_start,
        'unexplained' as break_type,
        cast(null as {{ dbt.type_string() }}) as reference,
        cast(null as decimal(18, 2)) as erp_amount,
        cast(null as decimal(18, 2)) as gl_amount,
        gaps_to_explain.cogs_gap - coalesce(explained.cogs_explained, 0) as cogs_effect,
        gaps_to_explain.inventory_gap - coalesce(explained.inventory_explained, 0)
            as inventory_effect,
        gaps_to_explain.period_start as arose_in_period,
        'what document matching cannot explain' as explanation

    from gaps_to_explain
    left join explained
        on gaps_to_explain.entity = explained.entity
        and gaps_to_explain.period_start = explained.period_start
    where gaps_to_explain.cogs_gap <> coalesce(explained.cogs_explained, 0)
        or gaps_to_explain.inventory_gap <> coalesce(explained.inventory_explained, 0)

),

final as (

    select
        entity,
        period_start,
        break_type,
        reference,
        {{ money('erp_amount') }} as erp_amount,
        {{ money('gl_amount') }} as gl_amount,
        {{ money('cogs_effect') }} as cogs_effect,
        {{ money('inventory_effect') }} as inventory_effect,
        explanation,
        arose_in_period

    from (
        select * from breaks_in_scope
        union all
        select * from unexplained
    ) as all_breaks

)

select * from final
