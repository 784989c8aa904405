{#
    The role BI tools connect with: SELECT on the marts (dbt's grants config in dbt_project.yml)
    and USAGE on their schema, nothing else. DuckDB has no roles: these are no-ops there.
#}
{# The same default as the grants in dbt_project.yml, which cannot call macros. #}
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

{% macro grant_marts_usage_to_reader() -%}
    {{ return(adapter.dispatch('grant_marts_usage_to_reader', 'cogs_recon')()) }}
{%- endmacro %}

{% macro default__grant_marts_usage_to_reader() -%}
    select 1
{%- endmacro %}

{% macro postgres__grant_marts_usage_to_reader() -%}
    do $$ begin
        if exists (select from pg_namespace where nspname = 'marts') then
            grant usage on schema marts to {{ adapter.quote(reader_role()) }};
        end if;
    end $$
{%- endmacro %}
