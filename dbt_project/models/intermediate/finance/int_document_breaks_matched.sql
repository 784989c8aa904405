-- One row per entity, document and period where the GL did not move inventory or COGS as the
-- ERP document says it should (ERP reference matched to GL doc_number). A COGS effect belongs to
-- the period it hit; an inventory effect is a balance, so it stays listed in every later period
-- (arose_in_period says where it started) until the two sides agree again. In non-inventory
-- sync the month-end true-up moves any inventory gap into COGS, so the whole effect is on COGS.
with periods as (

    select * from {{ ref('int_reconciliation_periods_spined') }}

),

erp_documents as (

    select * from {{ ref('int_erp_documents_summarized') }}

),

gl_documents as (

    select * from {{ ref('int_gl_documents_summarized') }}

),

documents_matched as (

    select
        coalesce(erp_documents.entity, gl_documents.entity) as entity,
        coalesce(erp_documents.document_reference, gl_documents.document_reference)
            as document_reference,
        coalesce(erp_documents.period_start, gl_documents.period_start) as period_start,
        erp_documents.movement_class,
        erp_documents.erp_amount,
        coalesce(erp_documents.expected_inventory_amount, 0) as expected_inventory_amount,
        coalesce(erp_documents.expected_cogs_amount, 0) as expected_cogs_amount,
        coalesce(gl_documents.gl_inventory_amount, 0) as gl_inventory_amount,
        coalesce(gl_documents.gl_cogs_amount, 0) as gl_cogs_amount,
        coalesce(gl_documents.is_journal_entry, false) as is_journal_entry,
        erp_documents.entity is not null as has_erp_in_period,
        gl_documents.entity is not null as has_gl_in_period

    from erp_documents
    full outer join gl_documents
        on erp_documents.entity = gl_documents.entity
        and erp_documents.document_reference = gl_documents.document_reference
        and erp_documents.period_start = gl_documents.period_start

),

documents_in_scope as (

    select
        documents_matched.*,
        periods.sync_mode,
        max(case when has_erp_in_period then 1 else 0 end) over (
            partition by documents_matched.entity, documents_matched.document_reference
        ) = 1 as has_erp_anywhere,
        max(case when has_gl_in_period then 1 else 0 end) over (
            partition by documents_matched.entity, documents_matched.document_reference
        ) = 1 as has_gl_anywhere

    from documents_matched
    inner join periods
        on documents_matched.entity = periods.entity
        and documents_matched.period_start = periods.period_start
    where periods.sync_mode is not null

),

effects_computed as (

    select
        *,
        case sync_mode
            when 'inventory' then expected_cogs_amount - gl_cogs_amount
            else (expected_cogs_amount + expected_inventory_amount)
                - (gl_cogs_amount + gl_inventory_amount)
        end as cogs_effect,
        case sync_mode
            when 'inventory' then expected_inventory_amount - gl_inventory_amount
            else 0
        end as inventory_change,
        case sync_mode
            when 'inventory' then gl_inventory_amount
            else gl_cogs_amount + gl_inventory_amount
        end as gl_amount

    from documents_in_scope

),

balances_carried as (

    select
        *,
        sum(inventory_change) over (
            partition by entity, document_reference
            order by period_start
            rows between unbounded preceding and current row
        ) as inventory_effect,
        lead(period_start) over (
            partition by entity, document_reference order by period_start
        ) as next_activity_period

    from effects_computed

),

breaks_classified as (

    select
        *,
        case
            when has_erp_in_period and has_gl_in_period then 'amount_mismatch'
            when has_erp_in_period and has_gl_anywhere then 'cut_off'
            when has_erp_in_period then 'missing_in_gl'
            when has_erp_anywhere then 'cut_off'
            when is_journal_entry then 'direct_posting'
            else 'missing_in_erp'
        end as break_type

    from balances_carried
    where cogs_effect <> 0 or inventory_effect <> 0

),

open_items_carried as (

    select
        breaks_classified.entity,
        periods.period_start,
        breaks_classified.period_start as arose_in_period,
        breaks_classified.break_type,
        breaks_classified.document_reference,
        breaks_classified.movement_class,
        breaks_classified.erp_amount,
        breaks_classified.gl_amount,
        case when periods.period_start = breaks_classified.period_start
            then breaks_classified.cogs_effect else 0 end as cogs_effect,
        breaks_classified.inventory_effect

    from breaks_classified
    inner join periods
        on breaks_classified.entity = periods.entity
        and periods.period_start >= breaks_classified.period_start
        and (breaks_classified.next_activity_period is null
            or periods.period_start < breaks_classified.next_activity_period)
    where periods.period_start = breaks_classified.period_start
        or breaks_classified.inventory_effect <> 0

)

select * from open_items_carried
