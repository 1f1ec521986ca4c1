namespace ArazzoGen.Workflows.Tests.Infrastructure;

/// <summary>Waits for something another thread does; a guard against hanging, not a timing assertion.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string? because = null)
    {
        for (var i = 0; i < 6000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), because);
    }
}
