using System.Security.Cryptography;

namespace Workflow.Host.Web.Access;

/// <summary>
/// A salted PBKDF2 (HMAC-SHA256) password hash, stored as text <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64 parts)
/// so that a database column can hold it and the iteration count can rise later without breaking old hashes.
/// </summary>
public sealed class PasswordHash
{
    /// <summary>Iterations for new hashes (OWASP 2023 guidance for PBKDF2-HMAC-SHA256 is 600 000; 100 000 keeps demo start-up quick while still slow to brute-force).</summary>
    public const int DefaultIterations = 100_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly int _iterations;
    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        _iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    /// <summary>Hashes <paramref name="password"/> with a fresh random salt.</summary>
    public static PasswordHash Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(iterations, salt, Derive(password, salt, iterations));
    }

    /// <summary>Reads the text form written by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">The text is not a hash in this format.</exception>
    public static PasswordHash Parse(string text)
    {
        var parts = text.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations < 1)
            throw new FormatException($"Not a {Scheme} password hash: expected '{Scheme}$ITERATIONS$SALT$HASH'.");
        return new PasswordHash(iterations, Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
    }

    /// <summary>True when <paramref name="password"/> hashes to this value. Compares in constant time.</summary>
    public bool Matches(string password) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, _salt, _iterations), _hash);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Scheme}${_iterations}${Convert.ToBase64String(_salt)}${Convert.ToBase64String(_hash)}";

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
