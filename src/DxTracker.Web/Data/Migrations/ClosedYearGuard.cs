namespace DxTracker.Web.Data.Migrations;

/// <summary>
/// Database triggers that refuse any insert, update or delete of evaluations, their parts and KPI values
/// in a fiscal year whose state is Closed (確定). Reopening the year (an administrator's action) lifts it.
/// </summary>
internal static class ClosedYearGuard
{
    public const string Create = """
        CREATE FUNCTION dx_year_is_closed(plan_id integer, fiscal_year integer) RETURNS boolean
        LANGUAGE sql STABLE AS $$
            SELECT EXISTS (SELECT 1 FROM "PlanYears" y WHERE y."PlanId" = plan_id AND y."FiscalYear" = fiscal_year AND y."State" = 'Closed')
        $$;

        CREATE FUNCTION dx_refuse_closed_year() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            r record;
            plan_id integer;
            fiscal_year integer;
        BEGIN
            IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
            IF TG_TABLE_NAME = 'Evaluations' THEN
                plan_id := r."PlanId"; fiscal_year := r."FiscalYear";
            ELSIF TG_TABLE_NAME = 'EvaluationParts' THEN
                SELECT e."PlanId", e."FiscalYear" INTO plan_id, fiscal_year FROM "Evaluations" e WHERE e."Id" = r."EvaluationId";
            ELSE
                SELECT i."PlanId", r."FiscalYear" INTO plan_id, fiscal_year FROM "Kpis" k JOIN "ActionItems" i ON i."Id" = k."ItemId" WHERE k."Id" = r."KpiId";
            END IF;
            IF plan_id IS NOT NULL AND dx_year_is_closed(plan_id, fiscal_year) THEN
                RAISE EXCEPTION 'fiscal year % of plan % is closed', fiscal_year, plan_id USING ERRCODE = 'check_violation', HINT = 'dx_closed_year';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END
        $$;

        CREATE TRIGGER "TR_Evaluations_ClosedYear" BEFORE INSERT OR UPDATE OR DELETE ON "Evaluations"
            FOR EACH ROW EXECUTE FUNCTION dx_refuse_closed_year();
        CREATE TRIGGER "TR_EvaluationParts_ClosedYear" BEFORE INSERT OR UPDATE OR DELETE ON "EvaluationParts"
            FOR EACH ROW EXECUTE FUNCTION dx_refuse_closed_year();
        CREATE TRIGGER "TR_KpiValues_ClosedYear" BEFORE INSERT OR UPDATE OR DELETE ON "KpiValues"
            FOR EACH ROW EXECUTE FUNCTION dx_refuse_closed_year();
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS "TR_KpiValues_ClosedYear" ON "KpiValues";
        DROP TRIGGER IF EXISTS "TR_EvaluationParts_ClosedYear" ON "EvaluationParts";
        DROP TRIGGER IF EXISTS "TR_Evaluations_ClosedYear" ON "Evaluations";
        DROP FUNCTION IF EXISTS dx_refuse_closed_year();
        DROP FUNCTION IF EXISTS dx_year_is_closed(integer, integer);
        """;

    /// <summary>
    /// The check as it is since 令和8年12月 (migration ClosedYearGuardLocksTheYear): the year's row is read FOR SHARE, so
    /// closing the year (an UPDATE of that row) waits for saves in progress, and a save that starts while the year is being
    /// closed waits for the close and then sees the year closed. Without the lock both could commit.
    /// </summary>
    public const string LockingCheck = """
        CREATE OR REPLACE FUNCTION dx_year_is_closed(plan_id integer, fiscal_year integer) RETURNS boolean
        LANGUAGE plpgsql VOLATILE AS $$
        DECLARE
            year_state text;
        BEGIN
            SELECT y."State" INTO year_state FROM "PlanYears" y
                WHERE y."PlanId" = plan_id AND y."FiscalYear" = fiscal_year FOR SHARE;
            RETURN COALESCE(year_state = 'Closed', false);
        END
        $$;
        """;

    /// <summary>The first version of the check (no lock), for going back.</summary>
    public const string PlainCheck = """
        CREATE OR REPLACE FUNCTION dx_year_is_closed(plan_id integer, fiscal_year integer) RETURNS boolean
        LANGUAGE sql STABLE AS $$
            SELECT EXISTS (SELECT 1 FROM "PlanYears" y WHERE y."PlanId" = plan_id AND y."FiscalYear" = fiscal_year AND y."State" = 'Closed')
        $$;
        """;
}
