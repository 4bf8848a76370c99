using System.Net;

namespace Workflow.Host.Tests.Studio;

/// <summary>The npm bundle served under /studio/ with the content types of docs/studio.md, precompressed when the client accepts it.</summary>
public sealed class StudioBundleTests(HostFactory host) : IClassFixture<HostFactory>
{
    private string BundleFile(string folder, string pattern)
    {
        var bundle = Path.Combine(Workflow.Testing.SharedFolder.RepositoryRoot, "src/Workflow.Host/Studio/node_modules/@elsa-workflows/elsa-studio-wasm");
        var file = Directory.EnumerateFiles(Path.Combine(bundle, folder), pattern).First();
        return "/studio/" + Path.GetRelativePath(bundle, file).Replace('\\', '/');
    }

    [Fact]
    public async Task The_boot_script_is_javascript_and_served_without_credentials()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/studio/_framework/blazor.webassembly.js");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/javascript");
        response.Content.Headers.ContentEncoding.Should().BeEmpty("the client did not ask for compression");
    }

    [Fact]
    public async Task Wasm_is_application_wasm_and_dat_is_octet_stream()
    {
        using var client = host.Anonymous();
        var wasm = await client.GetAsync(BundleFile("_framework", "*.wasm"));
        wasm.Content.Headers.ContentType?.MediaType.Should().Be("application/wasm");
        var dat = await client.GetAsync(BundleFile("_framework", "*.dat"));
        dat.StatusCode.Should().Be(HttpStatusCode.OK);
        dat.Content.Headers.ContentType?.MediaType.Should().Be("application/octet-stream");
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, br", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    public async Task A_client_accepting_compression_gets_the_precompressed_sibling_with_the_original_content_type(string accept, string expected)
    {
        using var client = host.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, BundleFile("_framework", "*.wasm"));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.Should().Equal(expected);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/wasm");
        response.Headers.Vary.Should().Contain("Accept-Encoding");
    }

    [Fact]
    public async Task A_file_that_is_not_in_the_bundle_is_not_served()
    {
        using var client = host.Anonymous();
        (await client.GetAsync("/studio/_framework/no-such-file.js")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }
}
