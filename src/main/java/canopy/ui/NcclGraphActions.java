package canopy.ui;

import canopy.compare.Comparison;
import canopy.compare.LinkContrast;
import canopy.engine.NcclGraphSchedule;
import canopy.io.InvalidInputException;
import canopy.io.NcclGraphImporter;
import canopy.io.HardenedXml;
import canopy.model.Collective;
import canopy.model.NcclGraph;
import canopy.model.Schedule;
import canopy.model.Topology;
import canopy.ui.compare.CompareViewModel;
import canopy.ui.schedule.ScheduleViewModel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import canopy.ui.task.BackgroundTask;

/**
 * File › Import › NCCL Graph Dump…: NCCL's channels (NCCL_GRAPH_DUMP_FILE) on the open topology (imported
 * from the same machine's NCCL topology), shown in the Schedule panel with the congestion view and its
 * channels offered to draw (each its colour, its hops numbered), and one sentence, from canopy.compare.LinkContrast, on the links NCCL saturates that the optimum (forest) does
 * not need; NCCL's schedule beside the forest for the comparison window. The panel's collective picks
 * the schedule; with the double binary tree selected, NCCL's tree graph (allreduce), otherwise its rings.
 * The dump is read on the calling thread; the forest beside it is computed in the background.
 */
final class NcclGraphActions {
    private final MainViewModel vm;

    NcclGraphActions(MainViewModel vm) {
        this.vm = vm;
    }

    /**
     * Imports and shows the dump's schedule at once; the optimum to set beside it is computed in the
     * background (seconds to minutes on a cluster), then show receives NCCL's schedule beside the
     * forest as a comparison (the sentence its header). False when nothing was imported.
     */
    boolean importGraph(Consumer<CompareViewModel> show) {
        Topology t = vm.document().topology();
        if (t == null || t.acceleratorCount() < 2) {
            vm.dialogs().showError("No topology for NCCL's channels",
                    "Open or import the machine's topology first (File › Import › NCCL Topology XML…).");
            return false;
        }
        Optional<Path> file = vm.dialogs().chooseFileToOpen(vm.fileDialogDirectory());
        if (file.isEmpty()) {
            return false;
        }
        ScheduleViewModel panel = vm.schedule();
        boolean tree = panel.algorithmProperty().get().name().equals(canopy.engine.DoubleBinaryTreeScheduler.ALGORITHM);
        Collective c = tree ? Collective.ALLREDUCE : panel.collectiveProperty().get();
        NcclGraphSchedule.Result r;
        try {
            List<NcclGraph> graphs = NcclGraphImporter.read(file.get(), HardenedXml.DEFAULT_MAX_BYTES);
            r = NcclGraphSchedule.build(t, graphs, c, tree);
        } catch (InvalidInputException | NoSuchFileException | IllegalArgumentException e) {
            String m = e instanceof NoSuchFileException ? "no such file: " + e.getMessage() : e.getMessage();
            vm.dialogs().showError("Could not import " + file.get().getFileName(), m);
            return false;
        }
        Schedule s = r.schedule();
        String label = tree ? "NCCL's tree" : "NCCL's ring";
        panel.showImported(label, s, r.channels(), label + " imported; computing the optimum to compare…");
        panel.showCongestionProperty().set(true);
        if (!r.notes().isEmpty()) {
            vm.dialogs().showInfo("Imported " + file.get().getFileName(), String.join("\n", r.notes()));
        }
        BackgroundTask<CompareViewModel> task = BackgroundTask.of(p -> {
            Schedule forest = canopy.engine.Schedulers.run(canopy.engine.OptimalForest.NAME, t, c,
                    canopy.engine.CollectiveScheduler.Request.DEFAULT, p).schedule();
            String sentence = LinkContrast.sentence(t, s, label, forest, "the optimum");
            Comparison both = new Comparison(List.of(new Comparison.Entry("forest", t, forest),
                    new Comparison.Entry(label, t, s)));
            return new CompareViewModel(both, "Comparison — " + label + " against the optimum", sentence);
        });
        task.onSuccess(comparison -> {
            panel.showNote(comparison.header());
            if (panel.importedSchedule() == s) { // still shown: no run or edit since
                panel.channels().setFinding(comparison.header());
            }
            show.accept(comparison);
        }).onFailure(e -> vm.dialogs().showError("Could not compute the optimum beside " + label,
                String.valueOf(e.getMessage())));
        vm.backgroundExecutor().execute(task);
        return true;
    }
}
