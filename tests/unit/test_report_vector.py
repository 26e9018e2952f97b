"""The report's charts as vector drawings: their words searchable on their page, no pictures, as on screen."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from workshop.charts import catalogue
from workshop.charts.style import HATCHES
from workshop.findings import WorkshopFindings
from workshop.report import vector
from workshop.report.figures import chart_size, chart_source
from workshop.report.pdf import CHART_KEYS, write_report
from workshop.report.styles import FONT, FRAME_WIDTH, font_for, register_fonts


@pytest.fixture(scope="module")
def demo_report(demo_findings: WorkshopFindings, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    path = tmp_path_factory.mktemp("report") / "report.pdf"
    result = write_report(demo_findings, path, side_by_side=False)
    assert result.warnings == ()
    return PdfReader(path)


def _squeezed(text: str) -> str:
    """Gives the text without spaces or line breaks, as a search across the PDF's lines reads it."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _screen_texts(key: str, findings: WorkshopFindings) -> list[str]:
    """Gives every line of text the screen's builder draws for the chart, as the app's window shows it."""
    width_in, height_in = chart_size(key, FRAME_WIDTH)
    spec = catalogue.chart_by_key(key)
    fig = catalogue.drawn_figure(spec, findings, width_in=width_in, height_in=height_in, dpi=72)
    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    renderer, drawn = canvas.get_renderer(), []
    draw_text = renderer.draw_text

    def recorded(gc: object, x: float, y: float, text: str, *rest: object, **kw: object) -> None:
        drawn.append(text)
        draw_text(gc, x, y, text, *rest, **kw)

    renderer.draw_text = recorded  # what the screen draws, not what is laid out but never shown
    fig.draw(renderer)
    return [text for text in drawn if text.strip()]


def _drawn_strings(node: Drawing | Group) -> list[str]:
    """Gives the text of every string in a reportlab drawing, in drawing order."""
    found: list[str] = []
    for child in node.contents:
        if isinstance(child, String):
            found.append(child.text)
        elif isinstance(child, Group):
            found.extend(_drawn_strings(child))
    return found


@pytest.fixture(scope="module")
def squeezed_pages(demo_report: PdfReader) -> list[str]:
    """Gives each page's text as a search reads it; read once, for every chart's test."""
    return [_squeezed(page.extract_text()) for page in demo_report.pages]


@pytest.mark.parametrize("key", CHART_KEYS)
def test_each_chart_words_are_extracted_from_the_page_it_is_on(key, demo_findings, squeezed_pages):
    texts = _screen_texts(key, demo_findings)
    title = _squeezed(catalogue.chart_by_key(key).title)
    pages = squeezed_pages
    on_pages = [page for page in pages if title in page]
    if not on_pages:  # counted by test_every_chart_drawn_is_a_chart_whose_title_a_reader_finds
        pytest.skip("the report leaves this chart out: the workshop has nothing for it to show")
    missing = [text for text in texts if not any(_squeezed(text) in page for page in on_pages)]
    assert missing == []


def _xobjects(resources: DictionaryObject | None) -> list[DictionaryObject]:
    """Gives every XObject reachable from these resources, forms' own ones too."""
    found: list[DictionaryObject] = []
    xobjects = (resources or {}).get("/XObject")
    for item in (xobjects.get_object() if xobjects else {}).values():
        xobject = item.get_object()
        found.append(xobject)
        if xobject.get("/Subtype") == "/Form":
            found.extend(_xobjects(xobject.get("/Resources")))
    return found


def test_the_report_holds_no_picture_for_its_charts(demo_report):
    kinds = [x.get("/Subtype") for page in demo_report.pages for x in _xobjects(page["/Resources"])]
    assert "/Form" in kinds
    assert "/Image" not in kinds
    assert all(not page.images for page in demo_report.pages)


def _chart_forms(reader: PdfReader) -> list[tuple[int, DictionaryObject]]:
    """Gives (page index, form) of every chart drawing: the forms inside the page's late forms."""
    return [
        (number, form)
        for number, page in enumerate(reader.pages)
        for placed in _xobjects(page["/Resources"])
        if placed.get("/Subtype") == "/Form"
        for form in _xobjects(placed.get("/Resources"))
        if form.get("/Subtype") == "/Form"
    ]


def test_every_chart_drawn_is_a_chart_whose_title_a_reader_finds(demo_report):
    titles = [_squeezed(catalogue.chart_by_key(key).title) for key in CHART_KEYS]
    text = _squeezed(" ".join(page.extract_text() for page in demo_report.pages))
    charts = _chart_forms(demo_report)
    assert len(charts) == sum(title in text for title in titles) > 0


def test_chart_text_is_set_in_the_reports_own_font(demo_report):
    used = set()
    for _, form in _chart_forms(demo_report):
        fonts = form["/Resources"]["/Font"].get_object()
        shown = [block for block in re.findall(rb"BT(.*?)ET", form.get_data(), re.S) if b"Tj" in block]
        for name in re.findall(rb"(/[\w.+-]+) [\d.]+ Tf", b" ".join(shown)):
            used.add(str(fonts[name.decode()].get_object()["/BaseFont"]).split("+")[-1])
    assert used == {"DejaVuSans", "DejaVuSans-Bold"}


@pytest.mark.parametrize("key", CHART_KEYS)
def test_a_charts_drawing_has_the_texts_of_the_screen_builder(key, demo_findings):
    drawing = chart_source(key, demo_findings, FRAME_WIDTH)()
    screen_lines = _screen_texts(key, demo_findings)
    assert sorted(s for s in _drawn_strings(drawing) if s.strip()) == sorted(
        s for s in screen_lines if s.strip()
    )
    assert (drawing.width, drawing.height) == pytest.approx(
        tuple(72 * side for side in chart_size(key, FRAME_WIDTH)), abs=0.5
    )


@settings(max_examples=25, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 6)),
        elements=st.floats(-5, 5) | st.just(np.nan),
    ),
    st.sampled_from(["upper", "lower"]),
)
def test_a_heatmap_becomes_cells_of_its_own_colours_in_its_own_place(values, origin):
    fig = Figure()
    ax = fig.add_subplot()
    image = ax.imshow(
        np.ma.masked_invalid(values), cmap="cividis", vmin=-5, vmax=5, origin=origin, aspect="auto"
    )
    expected = image.to_rgba(np.ma.masked_invalid(values))
    limits = ax.get_xlim(), ax.get_ylim()
    vector._as_shapes(fig)
    assert not ax.images
    (cells,) = ax.collections
    assert (ax.get_xlim(), ax.get_ylim()) == limits
    rows, columns = values.shape
    colours = cells.to_rgba(cells.get_array()).reshape(rows, columns, 4)
    shown = ~np.isnan(values)
    # Cell (row, column) sits where the heatmap drew that pixel: its centre at (column, row) in data units.
    centres = cells.get_coordinates()
    middle = (centres[:-1, :-1] + centres[1:, 1:]) / 2
    assert np.allclose(middle[..., 0], np.arange(columns)[None, :])
    assert np.allclose(middle[..., 1], np.arange(rows)[:, None])
    assert np.allclose(colours[shown], expected[shown])
    assert np.ma.getmaskarray(cells.get_array()).reshape(rows, columns).tolist() == (~shown).tolist()


def test_a_chart_written_for_print_holds_no_picture_and_keeps_its_text(demo_findings):
    width_in, height_in = chart_size("readiness", FRAME_WIDTH)
    spec = catalogue.chart_by_key("readiness")
    svg = vector.chart_svg(spec, demo_findings, width_in=width_in, height_in=height_in).decode()
    assert "<image" not in svg
    assert "<text" in svg


def test_report_text_fonts_cover_bold_and_italic():
    fonts = vector.report_fonts()
    names = {
        fonts.find_font("DejaVu Sans", weight, style)[0]
        for weight in ("400", "700")
        for style in ("normal", "italic")
    }
    assert len(names) == 4


@settings(max_examples=40, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("Plan ab 中文字 कृषि ñ"), min_size=1, max_size=30),
    st.sampled_from(["start", "middle", "end"]),
)
def test_chart_text_dejavu_lacks_is_set_in_a_fallback_font_in_its_place(text, anchor):
    register_fonts()
    if not any(font_for(ch) for ch in text):
        return  # nothing for a fallback font: the text keeps DejaVu Sans, checked above
    drawing = Drawing(200, 50)
    drawing.add(String(100, 10, text, fontName=FONT, fontSize=9, textAnchor=anchor))
    vector._use_fallback_fonts(drawing)
    pieces = list(drawing.contents)
    assert "".join(piece.text for piece in pieces) == text
    for piece in pieces:
        # Marks (a Devanagari vowel sign) stay with the letter before them, as the report's text does.
        letters = [
            ch for ch in piece.text if not ch.isspace() and not unicodedata.category(ch).startswith("M")
        ]
        wanted = {font_for(ch) for ch in letters} - {None}
        assert wanted <= {piece.fontName}, (piece.text, piece.fontName)
    widths = [stringWidth(piece.text, piece.fontName, 9) for piece in pieces]
    starts = [piece.x for piece in pieces]
    assert starts == pytest.approx([starts[0] + sum(widths[:n]) for n in range(len(pieces))])
    share = {"start": 0.0, "middle": 0.5, "end": 1.0}[anchor]
    assert starts[0] + share * sum(widths) == pytest.approx(100)


@pytest.mark.parametrize("hatch", [h for h in HATCHES if h] + ["///"])
def test_a_hatched_bar_keeps_its_hatch_in_the_pdf(hatch, tmp_path):
    def draw(fig: Figure, findings: object) -> None:
        ax = fig.add_subplot()
        ax.bar([0], [1], width=0.8, color="#FFFFFF", hatch=hatch, edgecolor="#000000")
        ax.set_axis_off()
        ax.set_xlim(-0.5, 0.5)
        ax.set_ylim(0, 1)

    spec = catalogue.ChartSpec("hatched", "Hatched", draw, 1)
    svg = vector.chart_svg(spec, None, width_in=2, height_in=2)  # type: ignore[arg-type]
    assert b"<pattern" not in svg  # the SVG reader would leave a pattern-filled area empty
    drawing = vector.chart_drawing(spec, None, width_in=2, height_in=2)  # type: ignore[arg-type]
    renderPDF.drawToFile(drawing, str(tmp_path / "hatched.pdf"))
    page = pdfium.PdfDocument(tmp_path / "hatched.pdf")[0]
    pixels = np.asarray(page.render(scale=2).to_pil().convert("L"))
    height, width = pixels.shape
    bar = pixels[height // 4 : 3 * height // 4, width * 3 // 8 : width * 5 // 8]
    beside = pixels[height // 4 : 3 * height // 4, : width // 20]
    assert (bar < 128).mean() > 0.02  # hatch lines drawn across the white bar
    assert (beside < 128).mean() == 0  # and nowhere outside it
