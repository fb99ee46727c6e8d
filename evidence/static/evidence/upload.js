/* The evidence upload page: fingerprint each file on the phone (Web Crypto SHA-256), declare it to the
   app, PUT the bytes straight to storage with a real progress bar, then have the app check them.
   A failure keeps what was done: a retry re-sends to the same upload link while it is valid, or
   declares the file again once it has expired or the stored bytes were refused. No framework, no CDN. */
(function () {
  "use strict";

  var form = document.getElementById("evidence-upload");
  var config = JSON.parse(document.getElementById("evidence-upload-config").textContent);
  var text = config.messages;
  var list = document.getElementById("evidence-list");
  var template = document.getElementById("evidence-row");
  var statusLine = document.getElementById("evidence-status");
  var submit = document.getElementById("evidence-submit");
  var sideSelect = document.getElementById("evidence-side");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var rows = [];
  var busy = false;
  var LINK_MARGIN_MS = 30 * 1000; // do not start a PUT on a link about to expire

  function formatSize(bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + " KB";
    return (bytes / 1024 / 1024).toFixed(1) + " MB";
  }

  function typeOf(file) {
    if (file.type) return file.type;
    var dot = file.name.lastIndexOf(".");
    var ext = dot >= 0 ? file.name.slice(dot + 1).toLowerCase() : "";
    return config.types[ext] || "";
  }

  function hex(buffer) {
    var bytes = new Uint8Array(buffer);
    var out = "";
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return out;
  }

  function Failure(message, retryable) {
    this.message = message;
    this.retryable = retryable !== false;
  }

  function addFile(file) {
    var node = template.content.firstElementChild.cloneNode(true);
    var row = { file: file, node: node, sha256: null, declared: null, uploaded: false, done: false };
    node.querySelector(".file-name").textContent = file.name;
    node.querySelector(".file-size").textContent = formatSize(file.size);
    var id = "evidence-" + rows.length + "-" + Date.now();
    var title = node.querySelector(".title");
    var purpose = node.querySelector(".purpose");
    title.id = id + "-title";
    purpose.id = id + "-purpose";
    node.querySelector(".title-label").textContent = text.title;
    node.querySelector(".title-label").htmlFor = title.id;
    node.querySelector(".purpose-label").textContent = text.purpose;
    node.querySelector(".purpose-label").htmlFor = purpose.id;
    node.querySelector(".purpose-help").textContent = text.purpose_help;
    var dot = file.name.lastIndexOf(".");
    title.value = dot > 0 ? file.name.slice(0, dot) : file.name;
    var remove = node.querySelector(".remove");
    remove.textContent = text.remove;
    remove.addEventListener("click", function () {
      if (busy) return;
      rows.splice(rows.indexOf(row), 1);
      node.remove();
    });
    var retry = node.querySelector(".retry");
    retry.textContent = text.retry;
    retry.addEventListener("click", function () {
      run([row]);
    });
    if (config.supersedes) {
      rows.forEach(function (other) { other.node.remove(); });
      rows = [];
    }
    rows.push(row);
    list.appendChild(node);
  }

  function pick(input) {
    function take() {
      for (var i = 0; i < input.files.length; i++) addFile(input.files[i]);
      input.value = ""; // the same file may be picked again after removing it
    }
    input.addEventListener("change", take);
    // On a slow network the page shows before this script arrives: files picked in the meantime are
    // already in the input, and their change event has passed.
    if (input.files && input.files.length) take();
  }
  pick(document.getElementById("evidence-files"));
  pick(document.getElementById("evidence-camera"));

  function say(row, message, kind) {
    var line = row.node.querySelector(".row-status");
    line.textContent = message;
    line.className = "row-status" + (kind ? " " + kind : "");
  }

  function progress(row, percent) {
    row.node.querySelector(".bar").value = percent;
    row.node.querySelector(".percent").textContent = percent + "%";
  }

  function explain(status, body) {
    var base = text[String(status)] || text.other;
    var detail = body && body.detail ? body.detail : "";
    return detail && detail !== base ? base + " " + detail : base;
  }

  function post(url, data) {
    var body = new FormData();
    Object.keys(data).forEach(function (key) {
      if (data[key] !== null && data[key] !== undefined) body.append(key, data[key]);
    });
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    }).then(
      function (response) {
        return response
          .json()
          .catch(function () { return {}; })
          .then(function (json) { return { status: response.status, body: json }; });
      },
      function () {
        throw new Failure(text.network);
      }
    );
  }

  function fingerprint(row) {
    if (row.sha256) return Promise.resolve();
    if (!window.crypto || !window.crypto.subtle) return Promise.reject(new Failure(text.no_crypto, false));
    say(row, text.hashing);
    return row.file
      .arrayBuffer()
      .then(function (buffer) { return window.crypto.subtle.digest("SHA-256", buffer); })
      .then(function (digest) { row.sha256 = hex(digest); });
  }

  function linkValid(row) {
    return row.declared && Date.parse(row.declared.upload.expires_at) - LINK_MARGIN_MS > Date.now();
  }

  function declare(row) {
    if (linkValid(row)) return Promise.resolve();
    row.declared = null;
    row.uploaded = false;
    say(row, text.declaring);
    return post(config.declareUrl, {
      title: row.node.querySelector(".title").value.trim(),
      purpose: row.node.querySelector(".purpose").value.trim(),
      filename: row.file.name,
      content_type: typeOf(row.file),
      size: row.file.size,
      sha256: row.sha256,
      side: sideSelect ? sideSelect.value : null,
      supersedes: config.supersedes,
    }).then(function (answer) {
      if (answer.status !== 201) {
        // A refused declaration is not worth re-sending as it is: the user changes the input first.
        throw new Failure(explain(answer.status, answer.body), answer.status >= 500 || answer.status === 409);
      }
      row.declared = answer.body;
    });
  }

  function put(row) {
    if (row.uploaded) return Promise.resolve();
    say(row, text.uploading);
    progress(row, 0);
    return new Promise(function (resolve, reject) {
      var upload = row.declared.upload;
      var xhr = new XMLHttpRequest();
      xhr.open(upload.method, upload.url);
      Object.keys(upload.headers || {}).forEach(function (name) {
        xhr.setRequestHeader(name, upload.headers[name]);
      });
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable && event.total) {
          progress(row, Math.min(99, Math.floor((event.loaded / event.total) * 100)));
        }
      };
      xhr.onload = function () {
        if (xhr.status >= 200 && xhr.status < 300) {
          progress(row, 100);
          row.uploaded = true;
          resolve();
        } else if (xhr.status === 409) {
          // Already stored by an earlier attempt whose answer was lost: go on to the check.
          progress(row, 100);
          row.uploaded = true;
          resolve();
        } else if (xhr.status === 403 || xhr.status === 400) {
          row.declared = null; // the link is no longer good: the retry declares again
          reject(new Failure(text.expired));
        } else if (xhr.status === 413) {
          reject(new Failure(text["413"], false));
        } else {
          reject(new Failure(text.failed + " (" + xhr.status + ")"));
        }
      };
      xhr.onerror = function () { reject(new Failure(text.network)); };
      xhr.ontimeout = xhr.onerror;
      xhr.onabort = xhr.onerror;
      xhr.send(row.file);
    });
  }

  function finalize(row) {
    say(row, text.checking);
    return post(row.declared.finalize_url, {}).then(function (answer) {
      if (answer.status === 200 && answer.body.status === "available") {
        row.done = true;
        say(row, text.done.replace("%(number)s", answer.body.number), "ok");
        return;
      }
      if (answer.status === 422 && answer.body.code === "missing_object") {
        row.uploaded = false; // nothing arrived: send the bytes again to the same link
      } else if (answer.status === 422 || answer.status === 400) {
        row.declared = null; // the stored bytes were refused and discarded: declare again
        row.uploaded = false;
      }
      throw new Failure(explain(answer.status, answer.body), answer.status !== 400);
    });
  }

  function one(row) {
    var retry = row.node.querySelector(".retry");
    retry.hidden = true;
    return fingerprint(row)
      .then(function () { return declare(row); })
      .then(function () { return put(row); })
      .then(function () { return finalize(row); })
      .then(function () {
        row.node.querySelector(".remove").hidden = true;
        row.node.querySelector(".title").disabled = true;
        row.node.querySelector(".purpose").disabled = true;
      })
      .catch(function (error) {
        var message = error instanceof Failure ? error.message : text.other;
        say(row, message, "error");
        retry.hidden = false;
        return false;
      });
  }

  function run(selected) {
    if (busy) return;
    var pending = selected.filter(function (row) { return !row.done; });
    if (!pending.length) {
      statusLine.textContent = rows.length ? text.all_done : text.nothing;
      return;
    }
    for (var i = 0; i < pending.length; i++) {
      var row = pending[i];
      if (!row.node.querySelector(".title").value.trim() || !row.node.querySelector(".purpose").value.trim()) {
        statusLine.textContent = text.need_title;
        row.node.querySelector(row.node.querySelector(".title").value.trim() ? ".purpose" : ".title").focus();
        return;
      }
    }
    if (sideSelect && !sideSelect.value) {
      statusLine.textContent = text.need_side;
      sideSelect.focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    statusLine.textContent = "";
    // One file after another: a phone's upload bandwidth is better spent on finishing files.
    pending
      .reduce(function (chain, row) {
        return chain.then(function () { return one(row); });
      }, Promise.resolve())
      .then(function () {
        busy = false;
        submit.disabled = false;
        if (rows.every(function (row) { return row.done; })) statusLine.textContent = text.all_done;
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(rows);
  });
})();
