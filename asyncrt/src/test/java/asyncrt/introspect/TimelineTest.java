package asyncrt.introspect;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The section-6 program recorded as a timeline, drawn as SVG, and the picture checked. */
class TimelineTest {

    static Coroutine<String> task1() {
        return async(() -> {
            await(sleep(2));
            return "Result 1";
        });
    }

    static Coroutine<String> task2() {
        return async(() -> {
            await(sleep(1));
            return "Result 2";
        });
    }

    @Test
    void sectionSixDrawsTwoOverlappingWaitsOfTwoAndOneSeconds() throws Exception {
        Timeline timeline = new Timeline();
        Asyncio.run(async(() -> {
            EventLoop.getRunningLoop().instruments().add(timeline);
            await(gather(task1(), task2()));
            EventLoop.getRunningLoop().instruments().remove(timeline);
        }));
        String svg = TimelineSvg.render(timeline);
        Path file = Path.of("target", "timeline-section6.svg");
        Files.createDirectories(file.getParent());
        Files.writeString(file, svg);

        // Read the picture back: lanes and the waits drawn in them.
        List<String> lanes = new ArrayList<>();
        Matcher lane = Pattern.compile("<g class=\"lane\" data-name=\"([^\"]+)\">(.*?)</g>", Pattern.DOTALL).matcher(svg);
        List<double[]> waits = new ArrayList<>();
        while (lane.find()) {
            lanes.add(lane.group(1));
            Matcher wait = Pattern.compile("<rect class=\"wait\"[^>]*data-start-ms=\"([\\d.]+)\" data-end-ms=\"([\\d.]+)\"><title>sleep\\(\\)")
                    .matcher(lane.group(2));
            while (wait.find()) {
                waits.add(new double[] {Double.parseDouble(wait.group(1)), Double.parseDouble(wait.group(2))});
            }
        }
        List<String> taskLanes = lanes.stream().filter(n -> n.startsWith("Task-")).toList();
        assertEquals(3, taskLanes.size(), "main and the two gathered tasks: " + lanes);
        assertEquals(2, waits.size(), "one sleep per gathered task: " + svg);
        double[] long_ = waits.get(0)[1] - waits.get(0)[0] > waits.get(1)[1] - waits.get(1)[0] ? waits.get(0) : waits.get(1);
        double[] short_ = long_ == waits.get(0) ? waits.get(1) : waits.get(0);
        assertEquals(2000, long_[1] - long_[0], 200, "task1 waits 2 s");
        assertEquals(1000, short_[1] - short_[0], 100, "task2 waits 1 s");
        assertTrue(short_[0] < long_[1] && long_[0] < short_[1], "the waits overlap");
        double total = Math.max(long_[1], short_[1]) - Math.min(long_[0], short_[0]);
        assertEquals(2000, total, 200, "the whole takes about 2 s, not 3");
        assertTrue(svg.contains("ms</text>"), "a time axis in ms");
        String text = timeline.toText(60);
        assertTrue(text.contains("waits") && text.contains("on sleep()"), text);
    }

    @Test
    void aTimelineThatRecordedNothingDrawsAnEmptyAxis() {
        Timeline empty = new Timeline();
        assertEquals(0, empty.laneCount());
        String text = empty.toText(40);
        assertTrue(text.startsWith(" ") && text.contains("0 ms") && text.strip().endsWith("0 ms"),
                "an axis from 0 ms to 0 ms, no lanes: " + text);
        String svg = TimelineSvg.render(empty);
        assertTrue(svg.startsWith("<svg") && svg.contains("ms</text>") && !svg.contains("NaN") && !svg.contains("Infinity"),
                "an axis with finite positions: " + svg);
    }

    @Test
    void theTracerPrintsEachEvent() {
        List<String> lines = new ArrayList<>();
        java.io.PrintStream sink = new java.io.PrintStream(new java.io.ByteArrayOutputStream()) {
            @Override
            public void println(String x) {
                lines.add(x);
            }
        };
        Asyncio.run(async(() -> {
            EventLoop.getRunningLoop().instruments().add(new Tracer(() -> sink));
            await(Asyncio.createTask(sleep(0.01), "sleeper"));
        }));
        assertTrue(lines.contains("### new task spawned: sleeper"), lines.toString());
        assertTrue(lines.contains("### about to run one step of task: sleeper"), lines.toString());
        assertTrue(lines.contains("### task sleeper waits on sleep()"), lines.toString());
        assertTrue(lines.contains("### task exited: sleeper"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("### waiting for I/O for up to 0.0")), lines.toString());
    }

    @Test
    void marksTheMomentsTasksPrintAndListsThemUnderThePicture() {
        Timeline timeline = new Timeline();
        Asyncio.run(async(() -> {
            EventLoop.getRunningLoop().instruments().add(timeline);
            await(gather(
                    async(() -> { timeline.mark("Task 1: Starting"); await(sleep(0.2)); timeline.mark("Task 1: After sleep"); return 1; }),
                    async(() -> { timeline.mark("Task 2: Starting"); await(sleep(0.1)); timeline.mark("Task 2: After sleep"); return 2; })));
        }));
        timeline.mark("not in a task: not marked");
        String svg = TimelineSvg.render(timeline);
        Matcher mark = Pattern.compile("<path class=\"mark\"[^>]*data-at-ms=\"([\\d.]+)\"><title>printed: ([^<]+)</title>").matcher(svg);
        List<String> marked = new ArrayList<>();
        while (mark.find()) {
            marked.add(mark.group(2));
        }
        assertEquals(List.of("Task 1: Starting", "Task 2: Starting", "Task 2: After sleep", "Task 1: After sleep"), marked, svg);
        assertTrue(svg.contains("\u25bc1 Task 1: Starting    \u25bc2 Task 2: Starting    \u25bc3 Task 2: After sleep"), svg);
        assertTrue(TimelinePng.render(timeline).length > 1000);
    }

    @Test
    void aRunSliceShowsAndAWaitLabelFitsItsBar() {
        Timeline.Span run = new Timeline.Span(Timeline.Kind.RUN, 0, 0.001, "run");
        Timeline.Span wait = new Timeline.Span(Timeline.Kind.WAIT, 0, 1000, "gather(Task-26, Task-27, Task-28)");
        Timeline timeline = new Timeline();
        assertEquals("gather(Task-26, Task-27, Task-28) 1000 ms", TimelineLayout.waitText(wait, 400));
        assertEquals("1000 ms", TimelineLayout.waitText(wait, 100));
        assertEquals(null, TimelineLayout.waitText(wait, 30));
        assertTrue(new TimelineLayout(timeline).width(run) >= TimelineLayout.MIN_RUN_PX);
        List<Timeline.Lane> merged = TimelineLayout.mergeStatements(List.of(
                new Timeline.Lane("In [5]", "In [5]", List.of(new Timeline.Span(Timeline.Kind.RUN, 0, 1, "run"))),
                new Timeline.Lane("Task-3", "fetch", List.of(run)),
                new Timeline.Lane("In [5]", "In [5]", List.of(new Timeline.Span(Timeline.Kind.RUN, 5, 6, "run")))));
        assertEquals(List.of("In [5]", "Task-3 fetch()"), merged.stream().map(Timeline.Lane::label).toList());
        assertEquals(2, merged.getFirst().spans().size(), "the cell's two statements in one lane");
    }
}
