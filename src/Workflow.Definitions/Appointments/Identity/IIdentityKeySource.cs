using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Appointments.Identity;

/// <summary>Where the secret key of <see cref="IdentityHasher"/> comes from; every host of a deployment must get the same key.</summary>
public interface IIdentityKeySource
{
    /// <summary>The key (at least 32 bytes).</summary>
    ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken);
}

/// <summary>A key given in the settings (<c>Appointments:IdentityKey</c>, base64) — or by a test.</summary>
public sealed class FixedIdentityKey(byte[] key) : IIdentityKeySource
{
    private readonly byte[] _key = key.Length >= 32 ? key : throw new ArgumentException("An identity key has at least 32 bytes.", nameof(key));

    /// <inheritdoc />
    public ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_key);
}

/// <summary>
/// Wraps the stored key so the database alone does not hold it (the Host protects it with ASP.NET Core data protection,
/// whose key ring every host shares).
/// </summary>
public interface IIdentityKeyProtector
{
    /// <summary>The key as stored.</summary>
    string Protect(byte[] key);
    /// <summary>The key from its stored form.</summary>
    byte[] Unprotect(string stored);
}

/// <summary>
/// A random key made once per database (the first host to need it inserts it into <c>appt_secrets</c>; the others read the
/// row that won), kept in the form <see cref="IIdentityKeyProtector"/> gives it. Used when no key is configured.
/// </summary>
public sealed class StoredIdentityKey(IDbContextFactory<WorkflowDbContext> contexts, IIdentityKeyProtector protector) : IIdentityKeySource
{
    private const string Name = "identity-key";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    /// <inheritdoc />
    public async ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } known) return known;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_key is { } loaded) return loaded;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var fresh = protector.Protect(RandomNumberGenerator.GetBytes(32));
            await db.Database.ExecuteSqlAsync($"INSERT INTO appt_secrets (name, value) VALUES ({Name}, {fresh}) ON CONFLICT (name) DO NOTHING", cancellationToken);
            var stored = await db.Database.SqlQuery<string>($"SELECT value AS \"Value\" FROM appt_secrets WHERE name = {Name}").SingleAsync(cancellationToken);
            return _key = protector.Unprotect(stored);
        }
        finally { _gate.Release(); }
    }
}

/// <summary>Stores the key as plain base64: for tests and hosts without data protection.</summary>
public sealed class PlainIdentityKeyProtector : IIdentityKeyProtector
{
    /// <inheritdoc />
    public string Protect(byte[] key) => Convert.ToBase64String(key);
    /// <inheritdoc />
    public byte[] Unprotect(string stored) => Convert.FromBase64String(stored);
}
