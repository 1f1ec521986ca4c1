namespace BrokenConsumer;

public static class Placeholder
{
}
