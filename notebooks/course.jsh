// course.jsh: the helpers every notebook of the course uses. The first cell of each notebook loads it with
//     %load course.jsh
// (the kernel runs the file as if it were a cell). Open it to see how the checks work; nothing here is asyncio.

// check(ok, claim) states a claim the notebook makes and verifies it: it prints "✔ claim", or stops the run
// with AssertionError "claim failed: claim".
void check(boolean ok, String claim) {
    if (!ok) throw new AssertionError("claim failed: " + claim);
    System.out.println("✔ " + claim);
}

// print(...) is System.out.println that also remembers the line, so that checks can read what was printed.
List<String> printed = Collections.synchronizedList(new ArrayList<>());
void print(Object line) {
    System.out.println(line);
    printed.add(String.valueOf(line));
}

// Seconds since a System.nanoTime() reading: Java's time.perf_counter() difference.
double since(long start) {
    return (System.nanoTime() - start) / 1e9;
}

// How many seconds some code takes. (The kernel compiles each statement of a cell just before it runs it,
// so a stopwatch spread over several statements would count the compiling too; timed(...) is one statement.)
interface Block { void run() throws Exception; }
double timed(Block code) throws Exception {
    long start = System.nanoTime();
    code.run();
    return since(start);
}

// A stream that writes to `shown` and keeps a copy in `copy`.
PrintStream tee(PrintStream shown, ByteArrayOutputStream copy) {
    OutputStream both = new OutputStream() {
        public void write(int b) { shown.write(b); synchronized (copy) { copy.write(b); } }
        public void write(byte[] b, int off, int len) { shown.write(b, off, len); synchronized (copy) { copy.write(b, off, len); } }
        public void flush() { shown.flush(); }
    };
    return new PrintStream(both, true, java.nio.charset.StandardCharsets.UTF_8);
}

// What the code of a cell writes to standard error (the kernel's warnings, debug mode's reports), for checks:
// captureStderr() starts keeping a copy (everything is still shown as usual), capturedStderr() stops and returns
// it, and stderrOf(code) does both around some code; stdoutOf(code), further down, does the same for standard
// output. Java frees an object no longer used only when its garbage collector runs, where CPython frees it at
// once: a warning about a dropped object ("never awaited", "never retrieved") comes after a collection, so
// stderrOf asks for one after the code and gives the warnings a moment.
PrintStream stderrShown = null;
ByteArrayOutputStream stderrCopy = null;
void captureStderr() {
    if (stderrShown == null) stderrShown = System.err;
    stderrCopy = new ByteArrayOutputStream();
    System.setErr(tee(stderrShown, stderrCopy));
}
String capturedStderr() {
    if (stderrShown == null) return "";
    System.err.flush();
    System.setErr(stderrShown);
    stderrShown = null;
    synchronized (stderrCopy) {
        return stderrCopy.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
String stderrOf(Block code) throws Exception {
    captureStderr();
    try {
        code.run();
        System.gc();
        Thread.sleep(300);
    } catch (Throwable failed) {
        capturedStderr();
        throw failed;
    }
    return capturedStderr();
}

// What some code prints to standard output (a trace, say), still shown as usual: for checks.
String stdoutOf(Block code) throws Exception {
    PrintStream shown = System.out;
    var copy = new ByteArrayOutputStream();
    System.setOut(tee(shown, copy));
    try {
        code.run();
    } finally {
        System.out.flush();
        System.setOut(shown);
    }
    synchronized (copy) {
        return copy.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}

// How much of the machine's processor time other programs took since start(), from 0 (none) to 1 (all of every
// core). On a virtual machine this counts what the host took back from this machine's cores too ("steal" in
// Linux's /proc/stat): no program here shows it as load, yet this kernel's threads get no core meanwhile.
// A claim that two threads ran at the same instant needs two free cores, so the notebooks measure this around it.
class MachineLoad {
    private static final com.sun.management.OperatingSystemMXBean MACHINE =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private final long[] cpuAtStart = cpuTicks();
    private final long processAtStart = MACHINE.getProcessCpuTime();
    // start() first lets the JVM's JIT compiler finish what it is compiling in the background (the kernel's own
    // code, after a cell's statements were compiled; at most 2 s), so that it takes no core from what comes next.
    static MachineLoad start() throws InterruptedException {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        for (int i = 0; i < 40 && jit != null && jit.isCompilationTimeMonitoringSupported(); i++) {
            long before = jit.getTotalCompilationTime();
            Thread.sleep(50);
            if (jit.getTotalCompilationTime() == before) break;
        }
        MACHINE.getCpuLoad(); MACHINE.getProcessCpuLoad();   // elsewhere than Linux, these say "since this call"
        return new MachineLoad();
    }
    double othersShare() {
        long[] now = cpuTicks();
        if (now == null || cpuAtStart == null) return Math.max(0, MACHINE.getCpuLoad() - MACHINE.getProcessCpuLoad());
        // The machine's line of /proc/stat, in ticks of 1/100 s: user nice system idle iowait irq softirq steal.
        long[] d = new long[8];
        for (int i = 0; i < 8; i++) d[i] = now[i] - cpuAtStart[i];
        double all = java.util.Arrays.stream(d).sum(), idle = d[3] + d[4];
        double ours = (MACHINE.getProcessCpuTime() - processAtStart) / 1e7;
        return all == 0 ? 0 : Math.max(0, Math.min(1, (all - idle - ours) / all));   // steal is neither idle nor ours
    }
    private static long[] cpuTicks() {
        try {
            String[] fields = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] ticks = new long[8];
            for (int i = 0; i < 8; i++) ticks[i] = Long.parseLong(fields[i + 1]);
            return ticks;
        } catch (Exception notLinux) {
            return null;
        }
    }
}

// ---- Exercises -------------------------------------------------------------------------------------------
// An exercise cell holds a starter the learner changes; the check cell under it (hidden: click "..." to see it)
// says one of three things:
//   ✔ Exercise N: ...                       your answer is right
//   ✘ Exercise N: ... Hint: ...             not yet right: read the hint, change the cell, run both again
//   ○ Exercise N: not done yet ...          the starter is untouched (the course as committed): nothing failed
// and first checks that the solution given below the exercise passes the very same check, so the check itself
// is tested every time the notebook runs.

String words(Object text) {
    return String.join(" ", String.valueOf(text).toLowerCase().replaceAll("[^\\p{L}\\p{N}]+", " ").strip().split(" "));
}
boolean same(Object a, Object b, double tolerance) {
    if (a == null || b == null) return a == b;
    try {
        return Math.abs(Double.parseDouble(String.valueOf(a).strip()) - Double.parseDouble(String.valueOf(b).strip())) <= tolerance + 1e-9;
    } catch (NumberFormatException notNumbers) {
        return words(a).equals(words(b));
    }
}

// A prediction: write it in place of the "?" (a number or a few words); `actual` is what the code really did.
// Numbers count as equal when within `tolerance`; words ignore case, spaces and punctuation around them.
void predict(String exercise, Object guess, Object solution, Object actual, double tolerance, String hint) {
    check(same(solution, actual, tolerance), exercise + ": the check is sound (the solution below agrees with this run)");
    if (guess == null || String.valueOf(guess).strip().matches("\\??")) {
        System.out.println("○ " + exercise + ": not done yet: replace the ? with your prediction, run the cell, then this check");
    } else if (same(guess, actual, tolerance)) {
        System.out.println("✔ " + exercise + ": right, you predicted " + guess);
    } else {
        System.out.println("✘ " + exercise + ": you predicted " + guess + ", but that is not what happened. Hint: " + hint);
    }
}
void predict(String exercise, Object guess, Object solution, Object actual, String hint) {
    predict(exercise, guess, solution, actual, 0, hint);
}

// Of the answers offered (say, "the longest wait" 0.8 s or "the sum" 1.8 s), the one a measured time is closest to:
// a busy machine makes every run slower, but not the sum of the waits out of the longest one.
double nearest(double measured, double... offered) {
    double best = offered[0];
    for (double answer : offered) if (Math.abs(Math.log(measured / answer)) < Math.abs(Math.log(measured / best))) best = answer;
    return best;
}

// A "change this" exercise: judge(result) says what a run of some code means. The solution's result must be
// Verdict.RIGHT; the learner's is RIGHT, UNCHANGED (what the starter does: not tried yet) or WRONG.
enum Verdict { RIGHT, UNCHANGED, WRONG }
String shown(Object result) {
    return result instanceof Double seconds ? String.format("%.2f s", seconds) : String.valueOf(result);
}
<T> void exercise(String exercise, T yours, T solutions, java.util.function.Function<T, Verdict> judge, String hint) {
    Verdict reference = judge.apply(solutions);
    check(reference == Verdict.RIGHT, exercise + ": the check is sound (the solution below passes it: " + shown(solutions) + ")");
    switch (judge.apply(yours)) {
        case RIGHT -> System.out.println("✔ " + exercise + ": done (" + shown(yours) + ")");
        case UNCHANGED -> System.out.println("○ " + exercise + ": not done yet: the cell still does what the starter does (" + shown(yours)
                + "); change it as asked, run it, then this check");
        case WRONG -> System.out.println("✘ " + exercise + ": not yet (" + shown(yours) + "). Hint: " + hint);
    }
}

// Start asyncrt once, so that loading its classes doesn't count in the first measurement.
Asyncio.run(sleep(0));
