using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Workflow.Engine.Activities;
using Workflow.Engine.Model;
using Workflow.Engine.Persistence;
using Workflow.Engine.Serialization;
using Workflow.Engine.Validation;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Starts and resumes workflow instances through <see cref="IWorkflowInstanceStore"/>. A start inserts the instance
/// with its journal; a resume loads the instance, runs one bookmark, and updates it with the row-version check, as one
/// store write. A row-version conflict caused by a concurrent resume of another bookmark is retried (bounded by
/// <see cref="WorkflowEngineOptions.MaxConcurrencyRetries"/>); if the bookmark itself was consumed meanwhile the
/// resume fails with <see cref="WorkflowRuntimeException"/>. Thread-safe.
/// </summary>
public sealed class WorkflowRuntime(
    ActivityRegistry registry,
    IWorkflowInstanceStore instances,
    IWorkflowDefinitionStore definitions,
    IServiceProvider services,
    IClock clock,
    WorkflowEngineOptions options,
    WorkflowValidator validator,
    ParsedDefinitionCache parsed)
{
    private readonly ConcurrentDictionary<string, WorkflowDefinition> _adHoc = new(StringComparer.Ordinal);
    // Parsed stored definitions that passed validation (they are kept by ParsedDefinitionCache and never change).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<WorkflowDefinition, WorkflowDefinition> _validated = [];

    /// <summary>
    /// Starts an instance of <paramref name="definition"/> (not necessarily stored: it is kept in memory under its
    /// <c>id</c> for later resumes in this process). A definition with validation errors is refused.
    /// </summary>
    /// <exception cref="WorkflowRuntimeException">The definition has validation errors (the message lists them).</exception>
    public async Task<WorkflowRunResult> StartAsync(WorkflowDefinition definition, StartWorkflowOptions? start = null, CancellationToken cancellationToken = default)
    {
        EnsureValid(definition);
        var versionId = definition.Id ?? definition.DefinitionId ?? "adhoc-" + Guid.NewGuid().ToString("N");
        _adHoc[versionId] = definition;
        return await StartCoreAsync(definition, versionId, start ?? new(), cancellationToken);
    }

    /// <summary>Starts an instance of a stored definition (by default its published version).</summary>
    /// <exception cref="WorkflowRuntimeException">No such version, or it does not validate.</exception>
    public async Task<WorkflowRunResult> StartAsync(string definitionId, VersionSelector selector = VersionSelector.Published, StartWorkflowOptions? start = null, CancellationToken cancellationToken = default)
    {
        WorkflowRuntimeException NoVersion() => new($"Definition '{definitionId}' has no {selector.ToString().ToLowerInvariant()} version.");
        var stamp = await definitions.FindStampAsync(definitionId, selector, null, cancellationToken) ?? throw NoVersion();
        // A published version is parsed and validated once per row version, not on every start (docs/benchmarks.md,
        // "2026-12-01 (3)"), and its JSON is read only then ("2026-12-03 (4)"); drafts are read and parsed every time, as
        // their row changes in place.
        if (!parsed.TryGet(stamp.Id, stamp.RowVersion, out var definition))
        {
            // Deleted between the two reads: as if it had never been found.
            var stored = await definitions.FindByIdAsync(stamp.Id, cancellationToken) ?? throw NoVersion();
            definition = Parse(stored);
            parsed.Add(stored, definition);
            stamp = DefinitionVersionStamp.Of(stored);
        }
        if (!_validated.TryGetValue(definition, out _))
        {
            EnsureValid(definition);
            _validated.AddOrUpdate(definition, definition);
        }
        return await StartCoreAsync(definition, stamp.Id, start ?? new(), cancellationToken, stamp);
    }

    /// <summary>Resumes <paramref name="bookmarkId"/> of <paramref name="instanceId"/> with <paramref name="input"/>.</summary>
    /// <exception cref="WorkflowRuntimeException">No such instance or open bookmark, or the instance is finished.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The key answered a different request before.</exception>
    /// <exception cref="Persistence.ConcurrencyConflictException">Still conflicting after the bounded retries.</exception>
    public async Task<WorkflowRunResult> ResumeAsync(string instanceId, string bookmarkId, JsonObject? input = null, ResumeWorkflowOptions? resume = null, CancellationToken cancellationToken = default)
    {
        resume ??= new();
        IdempotencyRecord? record = null;
        if (resume.IdempotencyKey is { } key)
        {
            var scope = resume.IdempotencyScope ?? "";
            var hash = resume.RequestHash ?? Hash($"{instanceId}\n{bookmarkId}\n{input?.ToJsonString()}");
            var previous = await instances.FindIdempotencyRecordAsync(scope, key, cancellationToken);
            if (previous is not null) return await ReplayAsync(previous, hash, cancellationToken);
            record = new IdempotencyRecord(scope, key, hash, "", clock.GetCurrentInstant());
        }

        for (var attempt = 0; ; attempt++)
        {
            var instance = await instances.FindAsync(instanceId, cancellationToken)
                ?? throw new WorkflowRuntimeException($"Workflow instance '{instanceId}' does not exist.");
            resume.BeforeResume?.Invoke(instance);
            var definition = await LoadDefinitionAsync(instance, cancellationToken);
            var execution = new WorkflowExecution(instance, definition, registry, services, clock, resume.Output ?? options.Output) { MaxActivitiesPerRun = options.MaxActivitiesPerRun };
            WorkflowRunResult result;
            try
            {
                result = await execution.ResumeAsync(bookmarkId, input);
            }
            catch (WorkflowRuntimeException) when (record is not null)
            {
                // The bookmark is gone: maybe an identical retry with this key consumed it first. Its answer and its
                // key were committed together, so if it was one, the key is there now and its answer is ours.
                if (await FindWinnerAsync(record, cancellationToken) is { } first) return first;
                throw;
            }

            var toStore = record is null ? null : record with { ResponseJson = ToResponseJson(result).ToJsonString() };
            try
            {
                await instances.UpdateAsync(instance, result.Journal, toStore, cancellationToken);
                Diagnostics.WorkflowMetrics.Resumes.Add(1);
                return result;
            }
            catch (ConcurrencyConflictException) when (attempt < options.MaxConcurrencyRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5 * (attempt + 1)), cancellationToken);
            }
            catch (Exception e) when (record is not null && e is DuplicateIdempotencyKeyException or ConcurrencyConflictException)
            {
                if (await FindWinnerAsync(record, cancellationToken) is { } first) return first;
                throw;
            }
        }
    }

    /// <summary>The first answer given for <paramref name="record"/>'s key, when a request with it has committed (or 422 for another body).</summary>
    private async Task<WorkflowRunResult?> FindWinnerAsync(IdempotencyRecord record, CancellationToken cancellationToken)
    {
        var winner = await instances.FindIdempotencyRecordAsync(record.Scope, record.Key, cancellationToken);
        return winner is null ? null : await ReplayAsync(winner, record.RequestHash, cancellationToken);
    }

    /// <summary>
    /// Cancels a running instance (e.g. an application withdrawn): its bookmarks are removed and journalled as
    /// cancelled with <paramref name="reason"/>, and it becomes Finished/Cancelled. Retries row-version conflicts.
    /// </summary>
    /// <exception cref="WorkflowRuntimeException">No such instance, or it is finished already.</exception>
    public async Task<WorkflowRunResult> CancelAsync(string instanceId, string reason = "cancelled", CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var instance = await instances.FindAsync(instanceId, cancellationToken)
                ?? throw new WorkflowRuntimeException($"Workflow instance '{instanceId}' does not exist.");
            var definition = await LoadDefinitionAsync(instance, cancellationToken);
            var result = new WorkflowExecution(instance, definition, registry, services, clock, null).Cancel(reason);
            try
            {
                await instances.UpdateAsync(instance, result.Journal, null, cancellationToken);
                return result;
            }
            catch (ConcurrencyConflictException) when (attempt < options.MaxConcurrencyRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5 * (attempt + 1)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Elsa's test harness: while the instance is not finished and has bookmarks, resume every open bookmark (no
    /// input). Returns the last result with the journal, bookmarks and output of all rounds.
    /// </summary>
    public async Task<WorkflowRunResult> ResumeAllAsync(WorkflowRunResult started, TextWriter? output = null, int maxRounds = 1000, CancellationToken cancellationToken = default)
    {
        var journal = started.Journal.ToList();
        var created = started.CreatedBookmarks.ToList();
        var removed = started.RemovedBookmarks.ToList();
        var lines = started.Output.ToList();
        var last = started;
        for (var round = 0; round < maxRounds && last.Instance.Status != WorkflowStatus.Finished && last.Instance.Bookmarks.Count > 0; round++)
        {
            foreach (var bookmark in last.Instance.Bookmarks.ToList())
            {
                var current = await instances.FindAsync(last.Instance.Id, cancellationToken);
                if (current is null || current.Status == WorkflowStatus.Finished || current.Bookmarks.All(b => b.Id != bookmark.Id)) continue;
                var r = await ResumeAsync(last.Instance.Id, bookmark.Id, null, new ResumeWorkflowOptions { Output = output }, cancellationToken);
                journal.AddRange(r.Journal);
                created.AddRange(r.CreatedBookmarks);
                removed.AddRange(r.RemovedBookmarks);
                lines.AddRange(r.Output);
                last = r;
            }
            last = last with { Instance = await instances.FindAsync(last.Instance.Id, cancellationToken) ?? last.Instance };
        }
        return new WorkflowRunResult(last.Instance, journal, created, removed, lines);
    }

    private async Task<WorkflowRunResult> StartCoreAsync(WorkflowDefinition definition, string versionId, StartWorkflowOptions start, CancellationToken cancellationToken, DefinitionVersionStamp? stamp = null)
    {
        var now = clock.GetCurrentInstant();
        var instance = new WorkflowInstance
        {
            Id = start.InstanceId ?? StorageIds.New(now),
            DefinitionId = stamp?.DefinitionId ?? definition.DefinitionId ?? versionId,
            DefinitionVersion = stamp?.Version ?? definition.Version,
            DefinitionVersionId = versionId,
            CorrelationId = start.CorrelationId,
            Name = definition.Name,
            IsTest = start.IsTest,
            Input = (JsonObject?)start.Input?.DeepClone() ?? new JsonObject(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var execution = new WorkflowExecution(instance, definition, registry, services, clock, start.Output ?? options.Output) { MaxActivitiesPerRun = options.MaxActivitiesPerRun };
        var result = await execution.StartAsync(start.FlowchartMode ?? options.DefaultFlowchartMode);
        await instances.InsertAsync(instance, result.Journal, null, cancellationToken);
        return result;
    }

    private async Task<WorkflowDefinition> LoadDefinitionAsync(WorkflowInstance instance, CancellationToken cancellationToken)
    {
        if (_adHoc.TryGetValue(instance.DefinitionVersionId, out var cached)) return cached;
        // Another host may have re-published this version in place (retract, save, publish keep its id): the stamp,
        // one small read without the JSON, tells whether the parse kept here is still the stored one.
        // The EF instance store reads the stamp in the statement that loads the instance (no round trip of its own).
        var stamp = instance.PublishedDefinitionStamp is { } read ? read.RowVersion
            : await definitions.FindPublishedStampAsync(instance.DefinitionVersionId, cancellationToken);
        if (stamp is { } current && parsed.TryGet(instance.DefinitionVersionId, current, out cached)) return cached;
        var stored = await definitions.FindByIdAsync(instance.DefinitionVersionId, cancellationToken)
            ?? throw new WorkflowRuntimeException($"Definition version '{instance.DefinitionVersionId}' of instance '{instance.Id}' is not stored.");
        var definition = Parse(stored);
        parsed.Add(stored, definition);
        return definition;
    }

    private static WorkflowDefinition Parse(StoredDefinition stored)
    {
        var read = WorkflowDefinitionReader.Read(stored.Json);
        return read.Definition ?? throw new WorkflowRuntimeException(
            $"Definition '{stored.DefinitionId}' version {stored.Version} cannot be read: {string.Join(" ", read.Findings.Select(f => f.Message))}");
    }

    private void EnsureValid(WorkflowDefinition definition)
    {
        var errors = validator.Validate(definition).Where(f => f.Severity == FindingSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new WorkflowRuntimeException($"Definition '{definition.DefinitionId ?? definition.Id}' does not validate: {string.Join(" | ", errors)}");
    }

    private async Task<WorkflowRunResult> ReplayAsync(IdempotencyRecord record, string requestHash, CancellationToken cancellationToken)
    {
        if (record.RequestHash != requestHash) throw new IdempotencyKeyReusedException(record.Scope, record.Key);
        var response = JsonNode.Parse(record.ResponseJson)!.AsObject();
        var instanceId = response["instanceId"]!.GetValue<string>();
        var instance = await instances.FindAsync(instanceId, cancellationToken)
            ?? throw new WorkflowRuntimeException($"Workflow instance '{instanceId}' does not exist.");
        var journal = (await instances.GetJournalAsync(instanceId, cancellationToken))
            .Where(j => response["journal"]!.AsArray().Any(s => s!.GetValue<long>() == j.Sequence)).ToList();
        return new WorkflowRunResult(instance, journal,
            response["createdBookmarks"]!.AsArray().Select(b => BookmarkJson.FromJson(b!.AsObject())).ToList(),
            response["removedBookmarks"]!.AsArray().Select(b => BookmarkJson.FromJson(b!.AsObject())).ToList(),
            response["output"]!.AsArray().Select(l => l!.GetValue<string>()).ToList(),
            Replayed: true);
    }

    private static JsonObject ToResponseJson(WorkflowRunResult result) => new()
    {
        ["instanceId"] = result.Instance.Id,
        ["status"] = result.Instance.Status.ToString(),
        ["subStatus"] = result.Instance.SubStatus.ToString(),
        ["journal"] = new JsonArray(result.Journal.Select(j => (JsonNode)JsonValue.Create(j.Sequence)).ToArray()),
        ["createdBookmarks"] = new JsonArray(result.CreatedBookmarks.Select(b => (JsonNode)BookmarkJson.ToJson(b)).ToArray()),
        ["removedBookmarks"] = new JsonArray(result.RemovedBookmarks.Select(b => (JsonNode)BookmarkJson.ToJson(b)).ToArray()),
        ["output"] = new JsonArray(result.Output.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
    };

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
