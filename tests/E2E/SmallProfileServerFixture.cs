namespace Insights.E2E;

/// <summary>
/// The same server and browser as <see cref="DashboardServerFixture"/>, but started without the demo and its
/// labelling: it imports the demo's metrics (posts, followers, manual labels, no media) into a profile named
/// <see cref="Profile"/> through the API, which takes seconds, so tests that only need pages with data start fast.
/// </summary>
public sealed class SmallProfileServerFixture : DashboardServerFixture
{
    public const string Profile = "small";

    protected override bool ImportsTheDemo => false;

    protected override async Task PrepareDataAsync()
    {
        var demo = Path.Combine(RepositoryRoot(), "data", "demo");
        using var form = new MultipartFormDataContent();
        foreach (var name in new[] { "posts.csv", "followers.csv", "labels.csv" })
            form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(demo, name))), "files", name);
        using var response = await Http.PostAsync($"/api/profiles/{Profile}/imports", form);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Importing the small profile answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

[CollectionDefinition(Name)]
public sealed class SmallProfileCollection : ICollectionFixture<SmallProfileServerFixture>
{
    public const string Name = "small profile";
}
