using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Persistence;

/// <summary>
/// The permit domain's tables in the workflow database: <c>permit_projects</c>, and the projections
/// <c>permit_cases</c> and <c>permit_steps</c> that <see cref="PermitProjection"/> writes in the same
/// transaction as every instance save.
/// </summary>
internal sealed class PermitPersistenceModule : IWorkflowPersistenceModule
{
    /// <inheritdoc />
    public string Name => "permits";

    /// <inheritdoc />
    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "projects, cases, steps", Script("INTEGER"), Script("bigint")),
        new(2, "clock inputs and display fields for lists", ClockInputs("INTEGER"), ClockInputs("bigint")),
        new(3, "case numbers, query codes and their counters", NumberCases(Sqlite), NumberCases(PostgreSql)),
        new(4, "what the applicant owes and the workflow run, for the project tracker", OwedSqlite, OwedPostgreSql),
        new(5, "the instants each open step turns warning and overdue, for the supervisor's counts", LevelInstants("INTEGER", "0", "1"), LevelInstants("bigint", "FALSE", "TRUE")),
        new(6, "per-department counters of open and waiting steps, for the supervisor's counts", OpenStepCounters("INTEGER"), OpenStepCounters("bigint")),
        new(7, "deemed acceptance (视为受理) on the case rows, for the ledger", DeemedAcceptedSqlite, DeemedAcceptedPostgreSql),
    ];

    /// <inheritdoc />
    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProjectRow>(e =>
        {
            e.ToTable("permit_projects");
            e.HasKey(x => x.Id);
        });
        modelBuilder.Entity<CaseRow>(e =>
        {
            e.ToTable("permit_cases");
            e.HasKey(x => x.Id);
            // States, kinds and stages are enums stored by name: the text values (and so the SQL of lists and partial
            // indexes, and existing databases) are what they always were.
            e.Property(x => x.Stage).HasConversion<string>();
            e.Property(x => x.State).HasConversion<string>();
        });
        modelBuilder.Entity<StepRow>(e =>
        {
            e.ToTable("permit_steps");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasConversion<string>();
            e.Property(x => x.State).HasConversion<string>();
        });
        modelBuilder.Entity<OpenStepCountRow>(e =>
        {
            e.ToTable("permit_open_steps");
            e.HasKey(x => new { x.Department, x.State, x.Slot });
            e.Property(x => x.State).HasConversion<string>();
        });
    }

    // Step 7: the ledger says which acceptances were deemed (docs/domain.md, *The intake clock*) from the rows; cases deemed
    // accepted before the column existed get it from their stored case file.
    private const string DeemedAcceptedSqlite = """
        ALTER TABLE permit_cases ADD COLUMN deemed_accepted BOOLEAN NOT NULL DEFAULT 0;
        UPDATE permit_cases SET deemed_accepted = 1 WHERE accepted_at IS NOT NULL AND EXISTS (SELECT 1 FROM wf_instances i
            WHERE i.id = permit_cases.instance_id AND json_extract(i.variables, '$.permitCase.deemedAccepted') = 1);
        """;

    private const string DeemedAcceptedPostgreSql = """
        ALTER TABLE permit_cases ADD COLUMN deemed_accepted BOOLEAN NOT NULL DEFAULT FALSE;
        UPDATE permit_cases SET deemed_accepted = TRUE WHERE accepted_at IS NOT NULL AND EXISTS (SELECT 1 FROM wf_instances i
            WHERE i.id = permit_cases.instance_id AND (i.variables::jsonb -> 'permitCase' ->> 'deemedAccepted') = 'true');
        """;

    // Step 6 (docs/supervision.md, "Counting at scale"): the counters OpenStepCounts keeps in every save's transaction,
    // filled here from the step rows of an existing database.
    private static string OpenStepCounters(string int64) => $"""
        CREATE TABLE permit_open_steps (
            department TEXT NOT NULL,
            state TEXT NOT NULL,
            slot INTEGER NOT NULL,
            steps {int64} NOT NULL,
            PRIMARY KEY (department, state, slot)
        );
        {OpenStepCounts.RecountSql}
        """;

    // Step 2: what inboxes, lists and supervision need to read clocks from rows (never the instance JSON). Rows written
    // before it get the columns on their case's next save; until then their lists show no clock.
    private static string ClockInputs(string int64) => $"""
        ALTER TABLE permit_cases ADD COLUMN project_name TEXT NOT NULL DEFAULT '';
        ALTER TABLE permit_cases ADD COLUMN calendar_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE permit_cases ADD COLUMN statutory_limit INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE permit_cases ADD COLUMN promised_limit INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE permit_cases ADD COLUMN suspensions TEXT NOT NULL DEFAULT '';
        ALTER TABLE permit_cases ADD COLUMN missing_materials INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE permit_cases ADD COLUMN closed_at {int64} NULL;
        ALTER TABLE permit_steps ADD COLUMN statutory_limit INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE permit_steps ADD COLUMN promised_limit INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE permit_steps ADD COLUMN suspensions TEXT NOT NULL DEFAULT '';
        """;

    // Step 3 (docs/domain.md, *Case numbers*): the number and query code of a case, and one counter row per year and stage
    // that CaseNumbering bumps in each filing's transaction. Cases filed before are numbered here in the order they were
    // submitted, and the counters start after them; their query codes are drawn here too (the database's random, good
    // enough for rows that exist once), and both reach the case file on its next save.
    private static string NumberCases(Dialect sql) => $"""
        ALTER TABLE permit_cases ADD COLUMN case_number TEXT NULL;
        ALTER TABLE permit_cases ADD COLUMN query_code TEXT NULL;
        CREATE TABLE permit_case_counters (
            year INTEGER NOT NULL,
            stage INTEGER NOT NULL,
            last_number {sql.Int64} NOT NULL,
            PRIMARY KEY (year, stage)
        );
        UPDATE permit_cases SET case_number = {sql.Number("n.year", "n.stage", "n.seq")}, query_code = {sql.RandomCode}
        FROM (
            SELECT id, year, stage, ROW_NUMBER() OVER (PARTITION BY year, stage ORDER BY submitted_at, id) AS seq
            FROM (SELECT id, submitted_at, {sql.Year("submitted_at")} AS year, {StageDigit} AS stage FROM permit_cases) t
        ) n
        WHERE permit_cases.id = n.id;
        INSERT INTO permit_case_counters (year, stage, last_number)
        SELECT year, stage, COUNT(*) FROM (SELECT {sql.Year("submitted_at")} AS year, {StageDigit} AS stage FROM permit_cases) t GROUP BY year, stage;
        CREATE UNIQUE INDEX ux_permit_cases_number ON permit_cases (case_number);
        """;

    // Step 4: the project tracker reads what the applicant owes and the workflow each case runs from the rows (never the
    // case files). Existing cases get both from their stored case file here, computed as CaseFile.Owed computes them: the
    // materials not handed in, the pending notice's items (only while the case waits for its supplement), the latest
    // request of each step waiting for a supplement, the open commitments.
    private const string OwedSqlite = """
        ALTER TABLE permit_cases ADD COLUMN owed TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE permit_cases ADD COLUMN workflow TEXT NULL;
        UPDATE permit_cases SET
            workflow = (SELECT json_extract(i.variables, '$.permitCase.workflow') FROM wf_instances i WHERE i.id = permit_cases.instance_id),
            owed = COALESCE((SELECT json_group_array(json(o.item)) FROM (
                SELECT 1 AS part, 0 AS outer_key, m.key AS inner_key, json_object('source', 'Missing', 'matter', json_extract(m.value, '$.matterCode'),
                        'code', json_extract(m.value, '$.code'), 'name', json_extract(m.value, '$.name'), 'reason', '', 'submittedAt', json_extract(m.value, '$.submittedAt')) AS item
                    FROM wf_instances i, json_each(i.variables, '$.permitCase.materials') m
                    WHERE i.id = permit_cases.instance_id AND json_extract(m.value, '$.present') = 0
                UNION ALL
                SELECT 2, 0, n.key, json_object('source', 'Notice', 'matter', json_extract(n.value, '$.matterCode'), 'code', json_extract(n.value, '$.materialCode'),
                        'name', json_extract(n.value, '$.materialName'), 'reason', json_extract(n.value, '$.reason'))
                    FROM wf_instances i, json_each(i.variables, '$.permitCase.notices[#-1].items') n
                    WHERE i.id = permit_cases.instance_id AND json_extract(i.variables, '$.permitCase.state') = 'WaitingForSupplement'
                UNION ALL
                SELECT 3, s.key, r.key, json_object('source', 'SupplementRequest', 'code', json_extract(r.value, '$.code'),
                        'name', COALESCE((SELECT json_extract(m.value, '$.name') FROM json_each(i.variables, '$.permitCase.materials') m
                            WHERE json_extract(m.value, '$.code') = json_extract(r.value, '$.code') ORDER BY m.key LIMIT 1), json_extract(r.value, '$.code')),
                        'reason', json_extract(r.value, '$.reason'), 'stepId', json_extract(s.value, '$.id'))
                    FROM wf_instances i, json_each(i.variables, '$.permitCase.steps') s, json_each(s.value, '$.supplementRequests[#-1].items') r
                    WHERE i.id = permit_cases.instance_id AND json_extract(s.value, '$.state') = 'WaitingForSupplement'
                UNION ALL
                SELECT 4, 0, c.key, json_object('source', 'Commitment', 'matter', json_extract(c.value, '$.matterCode'), 'code', json_extract(c.value, '$.materialCode'),
                        'name', json_extract(c.value, '$.materialName'), 'reason', '', 'due', json_extract(c.value, '$.due'))
                    FROM wf_instances i, json_each(i.variables, '$.permitCase.commitments') c
                    WHERE i.id = permit_cases.instance_id AND json_extract(c.value, '$.fulfilledAt') IS NULL
                ORDER BY 1, 2, 3) o), '[]');
        """;

    private const string OwedPostgreSql = """
        ALTER TABLE permit_cases ADD COLUMN owed TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE permit_cases ADD COLUMN workflow TEXT NULL;
        UPDATE permit_cases SET
            workflow = (SELECT (i.variables::jsonb -> 'permitCase' -> 'workflow')::text FROM wf_instances i WHERE i.id = permit_cases.instance_id),
            owed = COALESCE((SELECT jsonb_agg(o.item ORDER BY o.part, o.outer_key, o.inner_key)::text FROM (
                SELECT 1 AS part, 0::bigint AS outer_key, m.ordinality AS inner_key, jsonb_build_object('source', 'Missing', 'matter', m.value ->> 'matterCode',
                        'code', m.value ->> 'code', 'name', m.value ->> 'name', 'reason', '', 'submittedAt', m.value ->> 'submittedAt') AS item
                    FROM wf_instances i, jsonb_array_elements(i.variables::jsonb -> 'permitCase' -> 'materials') WITH ORDINALITY m
                    WHERE i.id = permit_cases.instance_id AND (m.value ->> 'present')::boolean = false
                UNION ALL
                SELECT 2, 0, n.ordinality, jsonb_build_object('source', 'Notice', 'matter', n.value ->> 'matterCode', 'code', n.value ->> 'materialCode',
                        'name', n.value ->> 'materialName', 'reason', n.value ->> 'reason')
                    FROM wf_instances i, jsonb_array_elements(COALESCE(i.variables::jsonb -> 'permitCase' -> 'notices' -> -1 -> 'items', '[]'::jsonb)) WITH ORDINALITY n
                    WHERE i.id = permit_cases.instance_id AND i.variables::jsonb -> 'permitCase' ->> 'state' = 'WaitingForSupplement'
                UNION ALL
                SELECT 3, s.ordinality, r.ordinality, jsonb_build_object('source', 'SupplementRequest', 'code', r.value ->> 'code',
                        'name', COALESCE((SELECT m.value ->> 'name' FROM jsonb_array_elements(i.variables::jsonb -> 'permitCase' -> 'materials') WITH ORDINALITY m
                            WHERE m.value ->> 'code' = r.value ->> 'code' ORDER BY m.ordinality LIMIT 1), r.value ->> 'code'),
                        'reason', r.value ->> 'reason', 'stepId', s.value ->> 'id')
                    FROM wf_instances i, jsonb_array_elements(i.variables::jsonb -> 'permitCase' -> 'steps') WITH ORDINALITY s,
                        jsonb_array_elements(COALESCE(s.value -> 'supplementRequests' -> -1 -> 'items', '[]'::jsonb)) WITH ORDINALITY r
                    WHERE i.id = permit_cases.instance_id AND s.value ->> 'state' = 'WaitingForSupplement'
                UNION ALL
                SELECT 4, 0, c.ordinality, jsonb_build_object('source', 'Commitment', 'matter', c.value ->> 'matterCode', 'code', c.value ->> 'materialCode',
                        'name', c.value ->> 'materialName', 'reason', '', 'due', c.value ->> 'due')
                    FROM wf_instances i, jsonb_array_elements(i.variables::jsonb -> 'permitCase' -> 'commitments') WITH ORDINALITY c
                    WHERE i.id = permit_cases.instance_id AND c.value ->> 'fulfilledAt' IS NULL
                ) o), '[]');
        """;

    // Step 5: the level instants (docs/supervision.md, "Counting at scale") need the working calendars, which SQL does not
    // have: the open rows are marked here and StepLevelBackfill computes them from the rows' own clock inputs at start-up.
    private static string LevelInstants(string int64, string no, string yes) => $"""
        ALTER TABLE permit_steps ADD COLUMN warning_at {int64} NULL;
        ALTER TABLE permit_steps ADD COLUMN overdue_at {int64} NULL;
        ALTER TABLE permit_steps ADD COLUMN levels_pending BOOLEAN NOT NULL DEFAULT {no};
        UPDATE permit_steps SET levels_pending = {yes} WHERE state IN ('Open', 'WaitingForSupplement');
        CREATE INDEX ix_permit_steps_levels_pending ON permit_steps (id) WHERE levels_pending = {yes};
        """;

    private const string StageDigit = """
        CASE stage WHEN 'ProjectApprovalAndLandUse' THEN 1 WHEN 'EngineeringConstructionPermit' THEN 2
            WHEN 'ConstructionPermit' THEN 3 WHEN 'CompletionAcceptance' THEN 4 ELSE 0 END
        """;

    private const string CodeAlphabet = Workflow.Definitions.CaseNumbers.QueryCodes.Alphabet;

    /// <summary>What step 3 says differently on each provider: the year of an instant in the jurisdiction's zone (UTC+8,
    /// no daylight saving since 1991), the number's format and a random query code.</summary>
    private sealed record Dialect(string Int64, Func<string, string> Year, Func<string, string, string, string> Number, Func<string> RandomChar)
    {
        public string RandomCode => string.Join(" || ", Enumerable.Range(0, Workflow.Definitions.CaseNumbers.QueryCodes.Length).Select(_ => RandomChar()));
    }

    private static readonly Dialect Sqlite = new("INTEGER",
        at => $"CAST(strftime('%Y', {at} / 1000000000 + 28800, 'unixepoch') AS INTEGER)",
        (year, stage, seq) => $"printf('%04d-%d-%06d', {year}, {stage}, {seq})",
        () => $"substr('{CodeAlphabet}', abs(random()) % {CodeAlphabet.Length} + 1, 1)");

    private static readonly Dialect PostgreSql = new("bigint",
        at => $"CAST(EXTRACT(YEAR FROM to_timestamp({at} / 1000000000 + 28800) AT TIME ZONE 'UTC') AS INTEGER)",
        (year, stage, seq) => $"lpad({year}::text, 4, '0') || '-' || {stage}::text || '-' || lpad({seq}::text, 6, '0')",
        () => $"substr('{CodeAlphabet}', floor(random() * {CodeAlphabet.Length})::int + 1, 1)");

    // The same DDL on both providers but for the 64-bit integer type that holds instants (nanoseconds since the epoch).
    private static string Script(string int64) => $"""
        CREATE TABLE permit_projects (
            id TEXT NOT NULL PRIMARY KEY,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            enterprise TEXT NOT NULL,
            agent TEXT NOT NULL,
            kind TEXT NOT NULL,
            green_channel BOOLEAN NOT NULL,
            prior_approvals TEXT NOT NULL,
            created_at {int64} NOT NULL
        );
        CREATE UNIQUE INDEX ux_permit_projects_code ON permit_projects (code);
        CREATE INDEX ix_permit_projects_agent ON permit_projects (agent);

        CREATE TABLE permit_cases (
            id TEXT NOT NULL PRIMARY KEY,
            instance_id TEXT NOT NULL,
            project_id TEXT NOT NULL,
            stage TEXT NULL,
            matters TEXT NOT NULL,
            state TEXT NOT NULL,
            agent TEXT NOT NULL,
            green_channel BOOLEAN NOT NULL,
            submitted_at {int64} NOT NULL,
            accepted_at {int64} NULL,
            statutory_due {int64} NULL,
            promised_due {int64} NULL,
            suspended BOOLEAN NOT NULL,
            repeated_returns INTEGER NOT NULL,
            open_commitments INTEGER NOT NULL,
            commitment_due {int64} NULL,
            decision TEXT NULL,
            certificate_number TEXT NULL,
            calendar_version TEXT NULL,
            updated_at {int64} NOT NULL
        );
        CREATE UNIQUE INDEX ux_permit_cases_instance ON permit_cases (instance_id);
        CREATE INDEX ix_permit_cases_project ON permit_cases (project_id);
        CREATE INDEX ix_permit_cases_state ON permit_cases (state, calendar_version);

        CREATE TABLE permit_steps (
            id TEXT NOT NULL PRIMARY KEY,
            case_id TEXT NOT NULL,
            instance_id TEXT NOT NULL,
            project_id TEXT NOT NULL,
            activity_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            department TEXT NOT NULL,
            matter TEXT NULL,
            title TEXT NOT NULL,
            post TEXT NULL,
            assignee TEXT NULL,
            state TEXT NOT NULL,
            green_channel BOOLEAN NOT NULL,
            created_at {int64} NOT NULL,
            statutory_due {int64} NULL,
            promised_due {int64} NULL,
            completed_at {int64} NULL,
            outcome TEXT NULL,
            actor TEXT NULL,
            bookmark_id TEXT NULL,
            version INTEGER NOT NULL,
            supplement_requests INTEGER NOT NULL,
            repeated_returns INTEGER NOT NULL
        );
        CREATE INDEX ix_permit_steps_inbox ON permit_steps (department, state, green_channel, promised_due);
        CREATE INDEX ix_permit_steps_case ON permit_steps (case_id);
        CREATE INDEX ix_permit_steps_due ON permit_steps (state, statutory_due);
        """;
}
