-- Invariant: fct_rejected_rows reports exactly the rows the four validated models reject (the
-- same export rows, so the same count), with the same entity, column and reason.
-- Returns the rows on one side only or that differ, plus a row when the counts differ.
with rejected_in_validated_models as (

    select
        'erp_inventory_transactions' as export_source,
        source_file, source_line, entity, rejected_column, reject_reason
    from {{ ref('int_inventory_transactions_validated') }}
    where reject_reason is not null

    union all

    select
        'erp_inventory_valuation' as export_source,
        source_file, source_line, entity, rejected_column, reject_reason
    from {{ ref('int_inventory_valuations_validated') }}
    where reject_reason is not null

    union all

    select
        'gl_accounts' as export_source,
        source_file, source_line, entity, rejected_column, reject_reason
    from {{ ref('int_gl_accounts_validated') }}
    where reject_reason is not null

    union all

    select
        'gl_journal_lines' as export_source,
        source_file, source_line, entity, rejected_column, reject_reason
    from {{ ref('int_gl_journal_lines_validated') }}
    where reject_reason is not null

),

reported as (

    select * from {{ ref('fct_rejected_rows') }}

),

rows_compared as (

    select
        coalesce(validated.export_source, reported.export_source) as export_source,
        coalesce(validated.source_file, reported.source_file) as source_file,
        coalesce(validated.source_line, reported.source_line) as source_line,
        validated.reject_reason as validated_reject_reason,
        reported.reject_reason as reported_reject_reason,
        cast(null as bigint) as validated_row_count,
        cast(null as bigint) as reported_row_count

    from rejected_in_validated_models as validated
    full outer join reported
        on validated.export_source = reported.export_source
        and validated.source_file = reported.source_file
        and validated.source_line = reported.source_line
    where validated.source_file is null
        or reported.source_file is null
        or validated.entity is distinct from reported.entity
        or validated.rejected_column is distinct from reported.rejected_column
        or validated.reject_reason is distinct from reported.reject_reason

),

counts_compared as (

    select
        'all' as export_source,
        cast(null as {{ dbt.type_string() }}) as source_file,
        cast(null as bigint) as source_line,
        cast(null as {{ dbt.type_string() }}) as validated_reject_reason,
        cast(null as {{ dbt.type_string() }}) as reported_reject_reason,
        (select count(*) from rejected_in_validated_models) as validated_row_count,
        (select count(*) from reported) as reported_row_count

)

select * from rows_compared
union all
select * from counts_compared
where validated_row_count <> reported_row_count
