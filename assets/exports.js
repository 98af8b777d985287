/* Image and video exports for slides. The server writes what goes around the map, in the page's
 * language (dashboard/export_image.py): the caption's lines, the year, the legend. Here they are
 * laid out: the year large on the map, the caption wrapped word by word to the image's width in the
 * language's direction (the canvas and SVG text then order each line's words by the Unicode bidi
 * rules, so Urdu reads right to left and is not cut), and the legend beside the caption.
 * Checked by tests/browser/test_exports.py. */
"use strict";
{
  const WIDTH = 1600, MAP_HEIGHT = 1000;   // a 16:10 slide's picture
  const PAD = 28, CAPTION_SIZE = 22, LEGEND_SIZE = 18, YEAR_SIZE = 64;
  const LEGEND_COLUMN = 380;               // the legend's columns' width, at least
  const SECONDS_PER_YEAR = 1;

  /* A line as tall as its font's ascent and descent (the server's factor for the language). */
  function lineHeight(cap, size) { return size * cap.line_height; }
  function fontOf(cap, size, weight) { return (weight || "") + " " + size + "px " + cap.font; }

  /* Words of each line, greedily packed into lines no wider than `width` (a word longer than the
   * width has a line of its own). Words stay in their logical order; the text's direction orders them on screen. */
  function wrap(ctx, lines, width) {
    const out = [];
    lines.forEach(function (line) {
      let current = "";
      String(line).split(/\s+/).filter(Boolean).forEach(function (word) {
        const tryLine = current ? current + " " + word : word;
        if (current && ctx.measureText(tryLine).width > width) { out.push(current); current = word; } else { current = tryLine; }
      });
      if (current) { out.push(current); }
    });
    return out;
  }

  /* Where everything goes: a list of drawing operations, drawn on a canvas or written as SVG.
   * Under the map: the caption's lines across the width, then the legend in columns, each column
   * filled from the reading side. */
  function plan(cap, lines, yearText) {
    const ctx = document.createElement("canvas").getContext("2d");
    const rtl = cap.dir === "rtl", ops = [], inner = WIDTH - 2 * PAD;
    // Text is anchored at its start, which the text's direction puts on the right in Urdu and Persian
    // (in a canvas and in SVG alike); startX is where the reading starts.
    const startX = function (x0, w) { return rtl ? x0 + w : x0; }, anchor = "start";
    ctx.font = fontOf(cap, CAPTION_SIZE);
    const lh = lineHeight(cap, CAPTION_SIZE);
    let y = MAP_HEIGHT + PAD * 0.5;
    wrap(ctx, lines, inner).forEach(function (text, i) {
      y += lh;
      ops.push({ op: "text", text: text, x: startX(PAD, inner), y: y - lh * 0.3, size: CAPTION_SIZE,
                 weight: i === 0 ? "bold" : "", anchor: anchor, role: "caption" });
    });
    // The legend: its title, then each layer's heading and entries, in columns.
    ctx.font = fontOf(cap, LEGEND_SIZE);
    const llh = lineHeight(cap, LEGEND_SIZE), columns = Math.max(1, Math.floor(inner / LEGEND_COLUMN));
    const colW = inner / columns, rows = [];
    (cap.legend || []).forEach(function (item) {
      const width = item.heading ? colW - 8 : colW - 60;
      wrap(ctx, [item.heading || item.text], width).forEach(function (text, k) {
        rows.push({ item: k === 0 ? item : null, text: text, heading: !!item.heading });
      });
    });
    y += llh * 0.4;
    ops.push({ op: "text", text: cap.legend_title, x: startX(PAD, inner), y: y + llh * 0.7, size: LEGEND_SIZE,
               weight: "bold", anchor: anchor, role: "legend" });
    const top = y + llh, perColumn = Math.ceil(rows.length / columns);
    rows.forEach(function (row, i) {
      const col = Math.floor(i / perColumn), r = i % perColumn;
      const x0 = rtl ? WIDTH - PAD - (col + 1) * colW : PAD + col * colW, base = top + (r + 1) * llh - llh * 0.3;
      if (row.item && !row.heading) {
        ops.push({ op: "swatch", item: row.item, x: rtl ? x0 + colW - 48 : x0, y: base - LEGEND_SIZE * 0.35, w: 40 });
      }
      const tx = row.heading ? startX(x0, colW - 8) : (rtl ? x0 + colW - 60 : x0 + 60);
      ops.push({ op: "text", text: row.text, x: tx, y: base, size: LEGEND_SIZE, weight: row.heading ? "bold" : "",
                 anchor: anchor, role: "legend" });
    });
    const height = Math.ceil(top + perColumn * llh + PAD);
    // The year, large, in the map's top corner on the reading side.
    ctx.font = fontOf(cap, YEAR_SIZE, "bold");
    const yw = ctx.measureText(yearText).width + 2 * 18, yh = YEAR_SIZE * 1.35;
    const bx = rtl ? WIDTH - PAD - yw : PAD;
    ops.push({ op: "box", x: bx, y: PAD, w: yw, h: yh });
    ops.push({ op: "text", text: yearText, x: bx + yw / 2, y: PAD + yh * 0.78, size: YEAR_SIZE, weight: "bold",
               anchor: "middle", role: "year" });
    return { ops: ops, height: height, rtl: rtl };
  }

  function drawSwatch(ctx, item, x, y, w, look) {
    ctx.save();
    if (item.shape === "fill") {
      ctx.fillStyle = item.colour; ctx.fillRect(x + 6, y - 9, w - 12, 18);
      ctx.strokeStyle = look.swatch_edge; ctx.lineWidth = look.swatch_edge_px; ctx.strokeRect(x + 6, y - 9, w - 12, 18);
    } else if (item.shape === "symbol") {
      ctx.fillStyle = item.colour; ctx.font = "22px " + look.symbol_font; ctx.textAlign = "center";
      ctx.textBaseline = "middle"; ctx.fillText(item.symbol, x + w / 2, y);
    } else {
      ctx.strokeStyle = item.colour; ctx.globalAlpha = item.opacity; ctx.lineWidth = look.swatch_line_px;
      ctx.setLineDash(item.dash); ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + w, y); ctx.stroke();
    }
    ctx.restore();
  }

  function drawPlan(ctx, layout, cap) {
    const look = cap.look;
    ctx.fillStyle = look.paper;
    ctx.fillRect(0, MAP_HEIGHT, WIDTH, ctx.canvas.height - MAP_HEIGHT);
    layout.ops.forEach(function (o) {
      if (o.op === "box") {
        ctx.fillStyle = look.box; ctx.fillRect(o.x, o.y, o.w, o.h);
        ctx.strokeStyle = look.frame; ctx.lineWidth = look.frame_px; ctx.strokeRect(o.x, o.y, o.w, o.h);
      } else if (o.op === "swatch") {
        drawSwatch(ctx, o.item, o.x, o.y, o.w, look);
      } else {
        ctx.fillStyle = o.role === "year" ? look.year : look.text;
        ctx.font = fontOf(cap, o.size, o.weight);
        ctx.direction = cap.dir;
        ctx.textAlign = o.anchor === "middle" ? "center" : "start";
        ctx.fillText(o.text, o.x, o.y);
      }
    });
  }

  function esc(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); }

  function svgPlan(layout, cap) {
    const look = cap.look;
    const out = ['<rect x="0" y="' + MAP_HEIGHT + '" width="' + WIDTH + '" height="' + (layout.height - MAP_HEIGHT) + '" fill="' + esc(look.paper) + '"/>'];
    layout.ops.forEach(function (o) {
      if (o.op === "box") {
        out.push('<rect x="' + o.x + '" y="' + o.y + '" width="' + o.w + '" height="' + o.h + '" fill="' + esc(look.box) + '" stroke="' + esc(look.frame) + '" stroke-width="' + look.frame_px + '"/>');
      } else if (o.op === "swatch") {
        const it = o.item;
        if (it.shape === "fill") {
          out.push('<rect x="' + (o.x + 6) + '" y="' + (o.y - 9) + '" width="' + (o.w - 12) + '" height="18" fill="' + esc(it.colour) + '" stroke="' + esc(look.swatch_edge) + '"/>');
        } else if (it.shape === "symbol") {
          out.push('<text x="' + (o.x + o.w / 2) + '" y="' + (o.y + 8) + '" font-size="22" font-family="' + esc(look.symbol_font) + '" text-anchor="middle" fill="' + esc(it.colour) + '">' + esc(it.symbol) + "</text>");
        } else {
          out.push('<line x1="' + o.x + '" y1="' + o.y + '" x2="' + (o.x + o.w) + '" y2="' + o.y + '" stroke="' + esc(it.colour) +
                   '" stroke-width="' + look.swatch_line_px + '" stroke-opacity="' + it.opacity + '" stroke-dasharray="' + it.dash.join(",") + '"/>');
        }
      } else {
        out.push('<text class="export-' + o.role + '" x="' + o.x + '" y="' + o.y + '" font-size="' + o.size + '" font-family="' + esc(cap.font) +
                 '"' + (o.weight ? ' font-weight="bold"' : "") + ' text-anchor="' + o.anchor + '" direction="' + cap.dir +
                 '" xml:lang="' + esc(cap.lang) + '" fill="' + esc(o.role === "year" ? look.year : look.text) + '">' + esc(o.text) + "</text>");
      }
    });
    return out.join("\n");
  }

  /* The map alone, for `traces`, at the export's size. */
  function mapLayout(gd) {
    const layout = JSON.parse(JSON.stringify(Object.assign({}, gd.layout, { meta: null })));
    layout.width = WIDTH; layout.height = MAP_HEIGHT; layout.margin = { l: 0, r: 0, t: 0, b: 0 };
    const fit = window.dash_clientside.present && window.dash_clientside.present.fitLayout;
    return fit ? fit(gd.layout, layout, WIDTH, MAP_HEIGHT) : layout;   // no blank bands beside the map
  }
  function mapImage(gd, traces, format) {
    return window.Plotly.toImage({ data: traces, layout: mapLayout(gd) }, { format: format, width: WIDTH, height: MAP_HEIGHT });
  }
  function loadImage(url) {
    return new Promise(function (resolve, reject) {
      const img = new Image(); img.onload = function () { resolve(img); }; img.onerror = reject; img.src = url;
    });
  }
  function fontsFor(cap) {
    return Promise.all([CAPTION_SIZE, YEAR_SIZE].map(function (s) { return document.fonts.load(fontOf(cap, s), "0123 ۱۲۳ abc آب"); }))
      .catch(function () { return null; });
  }
  function save(url, name) {
    const a = document.createElement("a");
    a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
  }

  /* The map for `traces` with the caption under it, on `canvas` (made if none; a video keeps its
   * first frame's size, an even number of pixels as encoders want). */
  async function frameCanvas(gd, cap, traces, lines, yearText, canvas, video) {
    const layout = plan(cap, lines, yearText);
    if (!canvas) {
      canvas = document.createElement("canvas");
      canvas.width = WIDTH; canvas.height = video ? layout.height + 120 + (layout.height % 2) : layout.height;
    }
    const ctx = canvas.getContext("2d");
    ctx.drawImage(await loadImage(await mapImage(gd, traces, "png")), 0, 0, WIDTH, MAP_HEIGHT);
    drawPlan(ctx, layout, cap);
    return canvas;
  }

  async function exportImage(cap) {
    const gd = window.mapGraph(), traces = window.dash_clientside.map.exportTraces();
    await fontsFor(cap);
    if (cap.format === "svg") {
      const layout = plan(cap, cap.lines, cap.year_text);
      const url = await mapImage(gd, traces, "svg");
      const map = decodeURIComponent(url.slice(url.indexOf(",") + 1)).replace(/^<svg /, '<svg x="0" y="0" ');
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="' + WIDTH +
        '" height="' + layout.height + '" viewBox="0 0 ' + WIDTH + " " + layout.height + '" xml:lang="' + esc(cap.lang) + '">\n' +
        map + "\n" + svgPlan(layout, cap) + "\n</svg>\n";
      save(URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" })), "iran-central-asia-map.svg");
    } else {
      const canvas = await frameCanvas(gd, cap, traces, cap.lines, cap.year_text);
      save(canvas.toDataURL("image/png"), "iran-central-asia-map.png");
    }
  }

  function status(text) {
    if (window.dash_clientside.set_props) { window.dash_clientside.set_props("video-status", { children: text }); }
  }

  /* Each year is drawn (Plotly takes a while per image), then encoded as a frame of its own with its
   * own timestamp, SECONDS_PER_YEAR long: WebCodecs' VideoEncoder and the vendored webm-muxer
   * (assets/vendor/webm-muxer.js) write the WebM without a clock, so a busy machine cannot drop or
   * stretch a year, as recording a canvas in real time (MediaRecorder) did. */
  async function exportVideo(cap) {
    const gd = window.mapGraph(), map = window.dash_clientside.map;
    if (typeof window.VideoEncoder !== "function" || !window.WebMMuxer) {
      throw new Error("this browser cannot encode video (WebCodecs)");
    }
    await fontsFor(cap);
    let canvas = null, muxer = null, encoder = null, failed = null;
    for (let i = 0; i < cap.years.length; i++) {
      const y = cap.years[i];
      status(y.text + " …");
      canvas = await frameCanvas(gd, cap, map.tracesForYear(y.year), y.lines, y.text, canvas, true);
      if (!encoder) {
        muxer = new window.WebMMuxer.Muxer({ target: new window.WebMMuxer.ArrayBufferTarget(),
          video: { codec: "V_VP8", width: canvas.width, height: canvas.height, frameRate: 1 / SECONDS_PER_YEAR } });
        encoder = new window.VideoEncoder({ output: function (chunk, meta) { muxer.addVideoChunk(chunk, meta); },
                                            error: function (e) { failed = e; } });
        encoder.configure({ codec: "vp8", width: canvas.width, height: canvas.height, bitrate: 3e6 });
      }
      const frame = new window.VideoFrame(canvas, { timestamp: i * SECONDS_PER_YEAR * 1e6, duration: SECONDS_PER_YEAR * 1e6 });
      encoder.encode(frame, { keyFrame: true });
      frame.close();
    }
    // The last year again at the end: a WebM lasts until its last frame starts, so without it the
    // last year would flash by.
    const end = new window.VideoFrame(canvas, { timestamp: cap.years.length * SECONDS_PER_YEAR * 1e6, duration: 1 });
    encoder.encode(end, { keyFrame: true });
    end.close();
    await encoder.flush();
    if (failed) { throw failed; }
    muxer.finalize();
    const first = cap.years[0].year, last = cap.years[cap.years.length - 1].year;
    save(URL.createObjectURL(new Blob([muxer.target.buffer], { type: "video/webm" })), "iran-central-asia-" + first + "-" + last + ".webm");
    status("");
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    exports: {
      image: function (cap) {
        if (!cap || !cap.lines || !window.mapGraph() || !window.Plotly) { return window.dash_clientside.no_update; }
        exportImage(cap).catch(function (err) { console.warn("image export failed", err); });
        return cap.format + ":" + cap.clicks;
      },
      video: function (cap) {
        if (!cap || !cap.years || !cap.years.length || !window.mapGraph() || !window.Plotly) { return window.dash_clientside.no_update; }
        exportVideo(cap).catch(function (err) { status(String(err && err.message || err)); });
        return cap.years[0].text + "…";
      }
    }
  });
}
