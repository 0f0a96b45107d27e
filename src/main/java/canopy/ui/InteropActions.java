package canopy.ui;

import canopy.ui.dialog.Dialogs;
import canopy.io.AtomicFiles;
import canopy.io.GraphMlTopology;
import canopy.io.InvalidInputException;
import canopy.io.msccl.MscclXmlExporter;
import canopy.io.NcclTopologyImporter;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * File › Import and File › Export: NCCL topology XML and GraphML in, GraphML and MSCCL XML out, with
 * the same readers and writers as the command line. Errors and the importers' assumptions are shown
 * through {@link Dialogs}; nothing here touches a control.
 */
final class InteropActions {
    static final Dialogs.FileKind NCCL_XML = Dialogs.FileKind.of("Import NCCL topology XML", "NCCL topology XML", "xml");
    static final Dialogs.FileKind GRAPHML_IN = Dialogs.FileKind.of("Import GraphML", "GraphML", "graphml");
    static final Dialogs.FileKind GRAPHML_OUT = Dialogs.FileKind.of("Export GraphML", "GraphML", "graphml");
    static final Dialogs.FileKind MSCCL = Dialogs.FileKind.of("Export schedule as MSCCL XML", "MSCCL XML", "xml");

    private final MainViewModel vm;

    InteropActions(MainViewModel vm) {
        this.vm = vm;
    }

    /** Imports an NCCL_TOPO_FILE as one node; true when it replaced the document. */
    boolean importNcclXml() {
        Optional<Path> file = vm.dialogs().chooseFileToOpen(vm.fileDialogDirectory(), NCCL_XML);
        if (file.isEmpty()) {
            return false;
        }
        try {
            NcclTopologyImporter.Result r = NcclTopologyImporter.read(file.get(), 1);
            return show(r.topology(), r.assumptions(), file.get());
        } catch (InvalidInputException | NoSuchFileException e) {
            vm.dialogs().showError("Could not import " + file.get().getFileName(), message(e));
            return false;
        }
    }

    /** Imports a GraphML file (kinds and bandwidths from its data keys); true when it replaced the document. */
    boolean importGraphMl() {
        Optional<Path> file = vm.dialogs().chooseFileToOpen(vm.fileDialogDirectory(), GRAPHML_IN);
        if (file.isEmpty()) {
            return false;
        }
        try {
            GraphMlTopology.Result r = GraphMlTopology.read(file.get(), GraphMlTopology.Defaults.NONE);
            return show(r.topology(), r.assumptions(), file.get());
        } catch (InvalidInputException | NoSuchFileException e) {
            vm.dialogs().showError("Could not import " + file.get().getFileName(), message(e));
            return false;
        }
    }

    private boolean show(Topology t, List<String> assumptions, Path from) {
        if (!vm.showImported(t)) {
            return false;
        }
        if (!assumptions.isEmpty()) {
            vm.dialogs().showInfo("Imported " + from.getFileName() + " with these assumptions",
                    String.join("\n", assumptions));
        }
        return true;
    }

    /** Writes the topology as GraphML; true when written. */
    boolean exportGraphMl() {
        return vm.chooseAndWrite(vm.documentBaseName() + ".graphml", GRAPHML_OUT,
                f -> GraphMlTopology.write(vm.document().topology(), f));
    }

    /** Writes the schedule shown in the Schedule panel as MSCCL XML; true when written. */
    boolean exportMsccl() {
        Schedule s = vm.currentScheduleOrExplain();
        if (s == null) {
            return false;
        }
        MscclXmlExporter.Result xml;
        try {
            xml = MscclXmlExporter.export(s, vm.document().topology(), MscclXmlExporter.Options.defaults());
        } catch (InvalidInputException e) {
            vm.dialogs().showError("Could not export the schedule as MSCCL XML", e.getMessage());
            return false;
        }
        String suggested = vm.documentBaseName() + "-" + s.collective() + "-" + s.algorithm() + ".xml";
        return vm.chooseAndWrite(suggested, MSCCL, f -> AtomicFiles.writeString(f, xml.xml()));
    }

    private static String message(Exception e) {
        return e instanceof NoSuchFileException ? "no such file: " + e.getMessage() : e.getMessage();
    }
}
