using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Host.Web.Access;

/// <summary>
/// The table <c>host_signin_failures</c>: failed sign-ins per user name, and the lock they led to, kept in the database
/// so that every host of one deployment counts the same failures (docs/deployment.md, "Production posture").
/// Read and written with SQL of its own (<see cref="SharedUserLockout"/>); no entity.
/// </summary>
public sealed class SignInFailuresModule : IWorkflowPersistenceModule
{
    public string Name => "signin-failures";

    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "failed sign-ins per user name", Script, Script),
    ];

    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        // Nothing: the table is used through SQL only (an upsert both providers understand).
    }

    // Instants as Unix milliseconds.
    private const string Script = """
        CREATE TABLE host_signin_failures (
            user_key TEXT NOT NULL PRIMARY KEY,
            failures INTEGER NOT NULL,
            window_start BIGINT NOT NULL,
            locked_until BIGINT NULL
        );
        """;
}
