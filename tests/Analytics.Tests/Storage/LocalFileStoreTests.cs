using System.Text;
using Insights.Analytics.Storage;

namespace Insights.Analytics.Tests.Storage;

public sealed class LocalFileStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "insights-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task TheSameContent_IsStoredOnce_UnderItsHash()
    {
        var store = new LocalFileStore(_root);

        var first = await store.SaveAsync("media", new MemoryStream(Encoding.UTF8.GetBytes("hello")), ".JPG");
        var second = await store.SaveAsync("media", new MemoryStream(Encoding.UTF8.GetBytes("hello")), "jpg");

        Assert.Equal(first, second);
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", first.Sha256);
        Assert.Equal("media/2c/2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824.jpg", first.RelativePath);
        Assert.Equal(5, first.Bytes);
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "media"), "*", SearchOption.AllDirectories));
        using var reader = new StreamReader(store.OpenRead(first.RelativePath));
        Assert.Equal("hello", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Extensions_AreSanitised()
    {
        var store = new LocalFileStore(_root);

        var stored = await store.SaveAsync("uploads", new MemoryStream([1, 2, 3]), "../../x y.exe");

        Assert.EndsWith(".xyexe", stored.RelativePath, StringComparison.Ordinal);
        Assert.True(store.Exists(stored.RelativePath));
    }

    [Fact]
    public void PathsOutsideTheStore_AreRefused()
    {
        var store = new LocalFileStore(_root);

        Assert.Throws<ArgumentException>(() => store.FullPath("../outside.txt"));
        // A sibling folder whose name starts with the store's name is outside too.
        Assert.Throws<ArgumentException>(() => store.FullPath($"../{Path.GetFileName(_root)}-other/file.txt"));
        Assert.False(store.Exists("media/none.jpg"));
    }
}
