{#
  The periods a partitioned run rebuilds. Dagster passes the partition's time window as vars:
  `period_window_start` (inclusive) and `period_window_end` (exclusive), `YYYY-MM-DD` period
  starts; a side left out is unbounded (the first partition also holds every earlier period,
  the last every later one). A build that creates the table (first run, --full-refresh) or is
  given no window covers every period.
#}
{% macro run_has_period_window() -%}
    {{ return(var('period_window_start', none) is not none
        or var('period_window_end', none) is not none) }}
{%- endmacro %}

{% macro period_window_is_set() -%}
    {{ return(is_incremental() and run_has_period_window()) }}
{%- endmacro %}

{% macro period_window_condition(date_column) -%}
    ({{ date_column }} >= cast('{{ var("period_window_start", none) or "0001-01-01" }}' as date)
        and {{ date_column }} < cast('{{ var("period_window_end", none) or "9999-12-31" }}' as date))
{%- endmacro %}

{% macro in_period_window(date_column) -%}
    {%- if period_window_is_set() -%}
        {{ period_window_condition(date_column) }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#
  Pre-hook of the period-partitioned models: delete the window's periods (and the rows no
  period holds, rebuilt by every run), in the transaction that inserts them again, so a period
  whose rows disappeared from the exports loses them here too.
#}
{% macro delete_period_window() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ in_period_window('period_start') }} or period_start is null
    {%- endif -%}
{%- endmacro %}

{#
  The staged rows of every transaction with a row in the window (or a row without a date),
  all its versions and lines wherever they are dated, so a transaction is versioned and
  checked on all of it; plus the window's rows without a transaction_id. Without a window,
  every staged row.
#}
{% macro rows_of_window_transactions(staged, date_column) -%}
    {%- if not period_window_is_set() -%}
    select * from {{ staged }}
    {%- else -%}
    select {{ staged }}.*
    from {{ staged }}
    inner join (
        select distinct entity, transaction_id
        from {{ staged }}
        where transaction_id is not null
            and ({{ in_period_window(date_column) }} or {{ date_column }} is null)
    ) as window_transactions
        on {{ staged }}.entity = window_transactions.entity
        and {{ staged }}.transaction_id = window_transactions.transaction_id

    union all

    select *
    from {{ staged }}
    where transaction_id is null
        and ({{ in_period_window(date_column) }} or {{ date_column }} is null)
    {%- endif -%}
{%- endmacro %}
