using System.Runtime.CompilerServices;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Engine.Tests;

/// <summary>
/// Applies SQLite's process-wide settings before any test runs, as the Host's start-up does through
/// <c>AddWorkflowSqlite</c>: tests open connections in any order, some without registering a workflow database first,
/// and the settings can only be chosen before the first connection.
/// </summary>
internal static class SqliteLibraryInitializer
{
    [ModuleInitializer]
    internal static void Apply() => SqliteLibrarySettings.EnsureApplied();
}
