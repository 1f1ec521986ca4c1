using ArazzoGen.Runtime;

namespace ArazzoGen.Tests.Runtime;

/// <summary>What <see cref="StateChanges"/> holds stays bounded however many events and waits pass through it.</summary>
public class StateChangesTests
{
    private const string Training = "SageMaker Training Job State Change";

    [Fact]
    public void Events_of_resources_nobody_waits_on_are_forgotten_beyond_the_bound_oldest_first()
    {
        var stateChanges = new StateChanges();

        for (var i = 0; i < StateChanges.RememberedResources * 3; i++)
        {
            stateChanges.Publish(Training, "job-" + i);
        }

        Assert.Equal(StateChanges.RememberedResources * 3, stateChanges.Published);
        Assert.Equal(StateChanges.RememberedResources, stateChanges.Held);
    }

    [Fact]
    public async Task A_wait_that_ends_without_an_event_leaves_nothing_behind()
    {
        var stateChanges = new StateChanges();

        await stateChanges.WaitAsync(Training, "job-1", stateChanges.Mark(), TimeSpan.FromMilliseconds(1), TimeProvider.System, CancellationToken.None);

        Assert.Equal(0, stateChanges.Held);
    }

    [Fact]
    public async Task A_resource_a_poll_waits_on_is_kept_however_many_other_events_pass()
    {
        var stateChanges = new StateChanges();
        var mark = stateChanges.Mark();
        var wait = stateChanges.WaitAsync(Training, "waited-on", mark, Timeout.InfiniteTimeSpan, TimeProvider.System, CancellationToken.None);
        stateChanges.Publish(Training, "waited-on-other");

        for (var i = 0; i < StateChanges.RememberedResources + 10; i++)
        {
            stateChanges.Publish(Training, "job-" + i);
        }

        Assert.False(wait.IsCompleted);
        stateChanges.Publish(Training, "WAITED-ON"); // names are matched regardless of case, as SageMaker's are unique
        await wait.WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task An_event_published_after_the_mark_ends_the_next_wait_at_once_and_one_before_it_does_not()
    {
        var stateChanges = new StateChanges();
        stateChanges.Publish(Training, "job");
        var mark = stateChanges.Mark();

        var early = stateChanges.WaitAsync(Training, "job", mark, Timeout.InfiniteTimeSpan, TimeProvider.System, CancellationToken.None);
        Assert.False(early.IsCompleted);
        stateChanges.Publish(Training, "job");
        await early.WaitAsync(TimeSpan.FromMinutes(1));

        await stateChanges.WaitAsync(Training, "job", mark, Timeout.InfiniteTimeSpan, TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));
    }
}
