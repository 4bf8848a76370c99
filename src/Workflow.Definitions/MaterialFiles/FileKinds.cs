namespace Workflow.Definitions.MaterialFiles;

/// <summary>
/// The file types a material may be (PDF, JPEG, PNG), told by the first bytes of the content (magic numbers), never by the
/// name: a renamed executable is refused (docs/materials.md).
/// </summary>
public static class FileKinds
{
    private static readonly (string Type, byte[] Magic)[] Known =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
    ];

    /// <summary>The content type of <paramref name="content"/>, or null when it is none of the accepted kinds.</summary>
    public static string? Detect(ReadOnlySpan<byte> content)
    {
        foreach (var (type, magic) in Known)
            if (content.StartsWith(magic)) return type;
        return null;
    }
}
