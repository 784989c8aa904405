{#
    The role BI tools connect with. It is granted SELECT on the published marts and USAGE on
    schema `marts` when the orchestration publishes them (orchestration/lib/publish.py), and
    nothing else. DuckDB has no roles: this is a no-op there.
#}
{# The same variable and default as orchestration/lib/publish.py. #}
{% macro reader_role() -%}
    {{ return(env_var('COGS_RECON_READER_ROLE', 'finance_reader')) }}
{%- endmacro %}

{% macro create_reader_role() -%}
    {{ return(adapter.dispatch('create_reader_role', 'cogs_recon')()) }}
{%- endmacro %}

{% macro default__create_reader_role() -%}
    select 1
{%- endmacro %}

{# Created without login when missing; a DBA may create it beforehand (then no CREATEROLE is needed). #}
{% macro postgres__create_reader_role() -%}
    do $$ begin
        if not exists (select from pg_roles where rolname = {{ dbt.string_literal(reader_role()) }}) then
            create role {{ adapter.quote(reader_role()) }} nologin;
        end if;
    end $$
{%- endmacro %}
