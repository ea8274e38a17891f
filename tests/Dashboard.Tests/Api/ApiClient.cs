using System.Net;
using System.Text.Json;

namespace Insights.Dashboard.Tests.Api;

/// <summary>The calls the API tests make, with the response parsed as JSON.</summary>
internal static class ApiClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(this HttpClient client, string profile, params (string Name, byte[] Content)[] files)
    {
        using var form = TestFiles.Form(files);
        using var response = await client.PostAsync($"/api/profiles/{Uri.EscapeDataString(profile)}/imports", form);
        return (response.StatusCode, await JsonAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return (response.StatusCode, await JsonAsync(response));
    }

    /// <summary>The profile's entry in GET /api/profiles, or null when it is not listed.</summary>
    public static async Task<JsonElement?> ProfileAsync(this HttpClient client, string name)
    {
        var (status, body) = await client.GetJsonAsync("/api/profiles");
        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var profile in body.EnumerateArray())
        {
            if (profile.GetProperty("name").GetString() == name)
                return profile;
        }
        return null;
    }

    public static async Task<int> PostCountAsync(this HttpClient client, string name) =>
        (await client.ProfileAsync(name))?.GetProperty("postCount").GetInt32() ?? 0;

    public static async Task<List<JsonElement>> PostsAsync(this HttpClient client, string profile, string query = "")
    {
        var (status, body) = await client.GetJsonAsync($"/api/profiles/{Uri.EscapeDataString(profile)}/posts{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body.EnumerateArray()];
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
