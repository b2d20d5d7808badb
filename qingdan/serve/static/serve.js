// qingdan serve: uploads with progress, and the review page (select, highlight, edit, accept).
"use strict";

function upload(files) {
  if (!files.length) return;
  const form = new FormData();
  for (const file of files) form.append("files", file);
  const bar = document.getElementById("progress");
  const status = document.getElementById("upload-status");
  const request = new XMLHttpRequest();
  request.open("POST", "/api/documents");
  bar.hidden = false;
  request.upload.onprogress = (event) => {
    if (event.lengthComputable) bar.value = (100 * event.loaded) / event.total;
  };
  request.onload = () => {
    if (request.status >= 300) {
      status.textContent = "上传失败：" + (JSON.parse(request.responseText).detail || request.status);
      return;
    }
    bar.value = 100;
    status.textContent = "已上传 " + files.length + " 个文件，正在转换…";
    waitForConversions();
  };
  request.send(form);
}

function waitForConversions() {
  fetch("/api/documents").then((r) => r.json()).then((documents) => {
    if (documents.some((d) => d.status === "queued")) setTimeout(waitForConversions, 500);
    else location.reload();
  });
}

function setUpUploads() {
  const drop = document.getElementById("drop");
  if (!drop) return;
  const input = document.getElementById("files");
  input.addEventListener("change", () => upload(input.files));
  drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    upload(event.dataTransfer.files);
  });
  if (document.querySelector('#uploads tr[data-status="queued"]')) waitForConversions();
}

function names(text) {
  return text.split(/[、，,；;\s]+/).map((n) => n.trim()).filter((n) => n);
}

function setUpReview() {
  const review = document.querySelector(".review");
  if (!review) return;
  const id = review.dataset.document;
  const records = JSON.parse(document.getElementById("records-data").textContent);
  const bySeq = new Map(records.map((r) => [r.seq, r]));
  const editor = document.getElementById("editor");
  let current = null;

  function clearHighlights() {
    document.querySelectorAll(".hl-box").forEach((box) => box.remove());
    document.querySelectorAll(".grid td.hl, #records tr.selected").forEach((cell) => cell.classList.remove("hl", "selected"));
  }

  function highlight(record) {
    let first = null;
    for (const cell of record.cells) {
      if (cell.box) {
        const page = document.getElementById("page-" + cell.page);
        if (!page) continue;
        const w = Number(page.dataset.width), h = Number(page.dataset.height);
        const box = document.createElement("div");
        box.className = "hl-box hl-" + cell.field;
        box.style.left = (100 * cell.box[0]) / w + "%";
        box.style.top = (100 * cell.box[1]) / h + "%";
        box.style.width = (100 * (cell.box[2] - cell.box[0])) / w + "%";
        box.style.height = (100 * (cell.box[3] - cell.box[1])) / h + "%";
        page.appendChild(box);
        first = first || box;
      } else if (cell.table !== null) {
        const td = document.getElementById("g-" + cell.table + "-" + cell.row + "-" + cell.column);
        if (td) { td.classList.add("hl"); first = first || td; }
      }
    }
    if (first) first.scrollIntoView({ block: "center" });
  }

  function select(seq) {
    current = bySeq.get(seq);
    clearHighlights();
    document.querySelector('#records tr[data-seq="' + seq + '"]').classList.add("selected");
    highlight(current);
    editor.hidden = false;
    document.getElementById("edit-seq").textContent = seq;
    document.getElementById("edit-error").textContent = "";
    const warnings = document.getElementById("edit-warnings");
    warnings.replaceChildren(...current.warnings.map((text) => {
      const item = document.createElement("li"); item.textContent = text; return item;
    }));
    editor.category.value = current.category || "";
    editor.measure.value = current.measure;
    editor.lead.value = current.lead.join("、");
    editor.support.value = current.support.join("、");
    editor.deadline.value = current.deadline || "";
  }

  document.querySelectorAll("#records tbody tr").forEach((row) => {
    row.addEventListener("click", () => select(Number(row.dataset.seq)));
  });

  function changes() {
    const found = {};
    const text = (value) => (value.trim() === "" ? null : value.trim());
    if (text(editor.category.value) !== current.category) found.category = text(editor.category.value);
    if (editor.measure.value.trim() !== current.measure) found.measure = editor.measure.value.trim();
    for (const field of ["lead", "support"]) {
      const given = names(editor[field].value);
      if (given.join("|") !== current[field].join("|")) found[field] = given;
    }
    if (text(editor.deadline.value) !== current.deadline) found.deadline = text(editor.deadline.value);
    return found;
  }

  async function teach(found) {
    if (!editor.remember.checked) return;
    for (const field of ["lead", "support"]) {
      const before = current[field], after = found[field];
      if (!after || before.length !== after.length) continue;
      for (let i = 0; i < before.length; i++) {
        if (before[i] !== after[i]) {
          await post("/api/aliases", { variant: before[i], canonical: after[i] });
        }
      }
    }
  }

  async function post(url, body, method = "POST") {
    const response = await fetch(url, {
      method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error((await response.json()).detail);
    return response.json();
  }

  editor.addEventListener("submit", async (event) => {
    event.preventDefault();
    const found = changes();
    try {
      if (Object.keys(found).length) {
        await post("/api/documents/" + id + "/records/" + current.seq, found, "PATCH");
        await teach(found);
      }
      location.reload();
    } catch (error) {
      document.getElementById("edit-error").textContent = "未保存：" + error.message;
    }
  });

  document.getElementById("accept").addEventListener("click", async () => {
    await post("/api/documents/" + id + "/records/" + current.seq + "/accept", {});
    location.reload();
  });
}

function setUpQueued() {
  const queued = document.getElementById("queued");
  if (!queued) return;
  const poll = () => fetch("/api/documents/" + queued.dataset.document).then((r) => r.json())
    .then((d) => (d.status === "queued" ? setTimeout(poll, 500) : location.reload()));
  poll();
}

function setUpOverride() {
  const form = document.getElementById("override");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = {
      document: Number(form.dataset.document), label: form.label.value, role: form.role.value,
    };
    const response = await fetch("/api/column-overrides", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    const status = document.getElementById("override-status");
    status.textContent = response.ok
      ? "已保存：表头相同的清单，下次转换时把「" + body.label + "」读作" + form.role.selectedOptions[0].text + "。"
      : "未保存：" + (await response.json()).detail;
  });
}

setUpUploads();
setUpOverride();
setUpQueued();
setUpReview();
