using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.NotificationDelivery;

/// <summary>Reads and saves a user's notification settings (docs/notifications.md, Preferences). The Host validates the input.</summary>
public sealed class NotificationSettings(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>The reader's settings; null when they never saved any (every kind in-app only).</summary>
    public async Task<NotificationSettingRow?> FindAsync(string reader, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<NotificationSettingRow>().AsNoTracking().FirstOrDefaultAsync(s => s.Reader == reader, cancellationToken);
    }

    /// <summary>Saves (inserts or replaces) the reader's settings.</summary>
    public async Task SaveAsync(NotificationSettingRow settings, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<NotificationSettingRow>().FirstOrDefaultAsync(s => s.Reader == settings.Reader, cancellationToken);
        if (row is null) db.Add(settings);
        else (row.Audience, row.Email, row.Language, row.EmailKinds) = (settings.Audience, settings.Email, settings.Language, settings.EmailKinds);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException) when (row is null)
        {
            // The same reader saved concurrently: the later save replaces the earlier one.
            await SaveAsync(settings, cancellationToken);
        }
    }
}
