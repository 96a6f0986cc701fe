-- wrk script shared by the benchmarks: POST /3/image with a multipart body holding the file named by the
-- environment variable UPLOAD_FILE, as the application whose client id is in CID.
local path = os.getenv("UPLOAD_FILE")
local f = assert(io.open(path, "rb"))
local data = f:read("*a")
f:close()
local boundary = "----picshelfbench7MA4YWxkTrZu0gW"
wrk.method = "POST"
wrk.headers["Authorization"] = "Client-ID " .. os.getenv("CID")
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.body = "--" .. boundary .. "\r\n"
  .. "Content-Disposition: form-data; name=\"image\"; filename=\"" .. path:match("[^/]*$") .. "\"\r\n"
  .. "Content-Type: image/jpeg\r\n\r\n" .. data .. "\r\n--" .. boundary .. "--\r\n"
