using System.Security.Cryptography;
using System.Text;

namespace Workflow.Definitions.Appointments.Identity;

/// <summary>
/// Turns an ID-card number (or a client address) into the only form the appointment tables keep: HMAC-SHA-256 under the
/// deployment's secret identity key (<see cref="IIdentityKeySource"/>), hex. A bare SHA-256 would not do: ID numbers are
/// few enough (address code × birth date × sequence) to hash them all, so without the key a stolen table would give the
/// numbers back. With it, the table only lets the system match the same number again (docs/appointments.md).
/// </summary>
public sealed class IdentityHasher(IIdentityKeySource keys)
{
    /// <summary>The hash of a normalised ID-card number (<see cref="IdCardNumber.Normalize"/>).</summary>
    public async Task<string> HashIdentityAsync(string number, CancellationToken cancellationToken = default) =>
        Hash(await keys.KeyAsync(cancellationToken), "id:" + number);

    /// <summary>The hash of a client address (for the supervision's patterns), or null when there is none.</summary>
    public async Task<string?> HashClientAsync(string? client, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(client) ? null : Hash(await keys.KeyAsync(cancellationToken), "client:" + client);

    private static string Hash(byte[] key, string text) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
}
